"""Demo modules written from public facts (texts of the agreements, the partners' public pages).

HS codes quoted are checked against the HS 2022 nomenclature in data/ (see PROVENANCE.md): 2903.71
chlorodifluoromethane (HCFC-22), 2903.76 halons, 0507.10 ivory, 0301.92 live eels, 8549 electrical and
electronic waste and scrap, 8549.11 spent lead-acid accumulators.
"""

from typing import Any


def tf(prompt: str, true: bool, explanation: str) -> dict[str, Any]:
    return {
        "kind": "true_false", "prompt": prompt, "explanation": explanation,
        "choices": [{"text": "True", "correct": true}, {"text": "False", "correct": not true}],
    }  # fmt: skip


#: Pictures of the image-identification exercises, by the option's text.
PICTURES = {
    "Refrigerant cylinder": "cylinder",
    "Ivory tusk": "tusk",
    "Car battery": "battery",
    "Used car battery": "battery",
    "Steel drum": "drum",
}


def single(
    prompt: str, right: str, wrong: list[str], explanation: str, kind: str = "single"
) -> dict[str, Any]:
    def pic(text: str) -> str | None:
        return PICTURES.get(text) if kind == "image" else None

    return {
        "kind": kind, "prompt": prompt, "explanation": explanation,
        "choices": [{"text": right, "correct": True, "image": pic(right)}] + [{"text": w, "image": pic(w)} for w in wrong],
    }  # fmt: skip


def multiple(prompt: str, right: list[str], wrong: list[str], explanation: str) -> dict[str, Any]:
    return {
        "kind": "multiple", "prompt": prompt, "explanation": explanation,
        "choices": [{"text": r, "correct": True} for r in right] + [{"text": w} for w in wrong],
    }  # fmt: skip


def matching(prompt: str, pairs: list[tuple[str, str]], explanation: str) -> dict[str, Any]:
    return {
        "kind": "matching",
        "prompt": prompt,
        "explanation": explanation,
        "choices": [{"text": a, "match": b} for a, b in pairs],
    }


def ordering(prompt: str, steps: list[str], explanation: str) -> dict[str, Any]:
    return {
        "kind": "ordering",
        "prompt": prompt,
        "explanation": explanation,
        "choices": [{"text": s} for s in steps],
    }


HS_MATCHING = matching(
    "Match each HS 2022 code with the agreement that controls goods classified there.",
    [
        ("2903.71 (HCFC-22)", "Montreal Protocol"),
        ("0507.10 (ivory)", "CITES"),
        ("8549.11 (spent lead-acid accumulators)", "Basel Convention"),
    ],
    "HCFC-22 is an ozone-depleting substance; ivory comes from CITES-listed elephants; spent lead-acid batteries are hazardous waste.",
)

INTRO: dict[str, Any] = {
    "slug": "introduction", "owner": "UNEP", "agreement": "", "position": 1,
    "title": "Introduction to Green Customs",
    "summary": "Why customs matter for the environmental agreements, which goods they control and how the partners help.",
    "version": {"number": 1, "pass_mark": 70, "max_attempts": 3, "test_size": 5, "estimated_minutes": 30},
    "images": [{"key": "cylinder", "file": "cylinder.svg", "alt": "A refrigerant cylinder labelled R-22 and HCFC-22", "caption": "Refrigerants are traded in cylinders."}],
    "lessons": [
        {
            "title": "Customs and the environment",
            "body": (
                "Several multilateral environmental agreements control trade: in ozone-depleting substances, "
                "hazardous chemicals and wastes, endangered species of wild fauna and flora, chemical-weapon precursors, "
                "living modified organisms and mercury.\n\n"
                "Customs officers see the goods at the border. The **Green Customs Initiative** is a partnership of "
                "international organizations that helps them detect and prevent illegal trade in these environmentally "
                "sensitive commodities, while facilitating legal trade."
            ),
            "exercises": [tf("Green Customs is about illegal trade only: legal trade is not a concern of customs.", False,
                             "Customs both prevent illegal trade and facilitate legal trade that complies with the agreements.")],
        },
        {
            "title": "The agreements in one page",
            "body": (
                "| Agreement | Controls |\n|---|---|\n"
                "| Montreal Protocol (1987) | ozone-depleting substances |\n"
                "| CITES (1973) | endangered species of wild fauna and flora |\n"
                "| Basel Convention (1989) | hazardous wastes and other wastes |\n"
                "| Rotterdam Convention (1998) | certain hazardous chemicals and pesticides (prior informed consent) |\n"
                "| Stockholm Convention (2001) | persistent organic pollutants |\n"
                "| Chemical Weapons Convention (1993) | toxic chemicals and precursors |\n"
                "| Cartagena Protocol (2000) | living modified organisms |\n"
                "| Minamata Convention (2013) | mercury |\n"
            ),
            "exercises": [HS_MATCHING],
        },
        {
            "title": "Working with permits and licences",
            "body": (
                "Most agreements work through documents issued by national authorities: licences for ozone-depleting "
                "substances, CITES permits and certificates, consent and movement documents for wastes. A customs "
                "officer checks that a document exists, is valid and matches the goods.\n\n"
                "Good practice: know your national focal points for each agreement and contact them when in doubt."
            ),
            "images": ["cylinder"],
            "exercises": [ordering("Put the checks of a declaration of controlled goods in a sensible order.",
                                   ["Identify the goods and their HS code", "Find the agreement that controls them",
                                    "Check the permit or licence", "Compare the document with the goods"],
                                   "First know what the goods are, then which rules apply, then check the documents against the goods.")],
        },
    ],
    "pool": [
        HS_MATCHING,
        single("Which agreement controls trade in ozone-depleting substances?", "Montreal Protocol", ["CITES", "Basel Convention", "Minamata Convention"], "The Montreal Protocol (1987) controls ozone-depleting substances."),
        single("Which agreement controls transboundary movements of hazardous wastes?", "Basel Convention", ["Stockholm Convention", "Montreal Protocol", "Cartagena Protocol"], "The Basel Convention (1989)."),
        single("Which agreement controls trade in mercury?", "Minamata Convention", ["Rotterdam Convention", "CITES", "Basel Convention"], "The Minamata Convention on Mercury (2013)."),
        tf("CITES regulates trade in endangered species of wild fauna and flora.", True, "CITES: Convention on International Trade in Endangered Species of Wild Fauna and Flora."),
        tf("The Cartagena Protocol is about living modified organisms.", True, "The Cartagena Protocol on Biosafety (2000) covers living modified organisms."),
        multiple("Which of these are controlled under the Montreal Protocol?", ["CFCs", "HCFCs", "Halons"], ["Ivory", "Mercury"], "CFCs, HCFCs and halons are ozone-depleting substances."),
    ],
}  # fmt: skip

MONTREAL: dict[str, Any] = {
    "slug": "montreal-protocol", "owner": "OzonAction", "agreement": "montreal", "position": 2,
    "title": "Montreal Protocol: ozone-depleting substances",
    "summary": "Controlled substances, licensing systems, refrigerant cylinders and common fraud at the border.",
    "version": {"number": 1, "pass_mark": 70, "max_attempts": 3, "test_size": 6, "estimated_minutes": 45},
    "images": [{"key": "cylinder", "file": "cylinder.svg", "alt": "A refrigerant cylinder labelled R-22 and HCFC-22", "caption": "HCFC-22 is sold as refrigerant R-22."},
               {"key": "tusk", "file": "tusk.svg", "alt": "A raw ivory tusk", "caption": ""},
               {"key": "battery", "file": "battery.svg", "alt": "A used lead-acid car battery", "caption": ""}],
    "lessons": [
        {
            "title": "The ozone layer and the Protocol",
            "body": (
                "The Montreal Protocol on Substances that Deplete the Ozone Layer was adopted in **1987**. It phases out "
                "the production and consumption of ozone-depleting substances (ODS): chlorofluorocarbons (CFCs), halons, "
                "carbon tetrachloride, methyl chloroform, hydrochlorofluorocarbons (HCFCs), methyl bromide and others.\n\n"
                "The **Kigali Amendment** (2016) added the phase-down of hydrofluorocarbons (HFCs), which do not deplete "
                "the ozone layer but are powerful greenhouse gases."
            ),
            "exercises": [tf("HFCs are controlled under the Montreal Protocol because they deplete the ozone layer.", False,
                             "HFCs were added by the Kigali Amendment because of their global warming potential, not because they deplete ozone.")],
        },
        {
            "title": "Licensing systems",
            "body": (
                "Parties must operate a licensing system for the import and export of new, used, recycled and reclaimed "
                "controlled substances (Article 4B, added by the Montreal Amendment of 1997). Many countries also set "
                "import quotas per importer.\n\n"
                "Through the informal Prior Informed Consent (iPIC) mechanism facilitated by UNEP OzonAction, "
                "authorities of exporting and importing countries can check that a shipment is expected."
            ),
            "resources": [{"title": "Checklist: shipments of refrigerants", "file": "checklist-ods.txt"}],
            "exercises": [multiple("Which documents or checks help customs verify an ODS shipment?",
                                   ["An import licence under the national licensing system", "A check of the importer's quota", "An iPIC consultation with the exporting country"],
                                   ["A CITES export permit"], "CITES permits concern species, not ozone-depleting substances.")],
        },
        {
            "title": "Identifying refrigerants",
            "body": (
                "Refrigerants carry ASHRAE designations: **R-22** is HCFC-22 (chlorodifluoromethane), classified in "
                "HS 2022 subheading **2903.71**. Halons used in fire extinguishers are in subheading 2903.76.\n\n"
                "Check that the label on the cylinder, the name on the invoice and the HS code agree. Mis-declaration as "
                "a non-controlled refrigerant is a known fraud."
            ),
            "images": ["cylinder"],
            "exercises": [single("Which picture shows goods that may be controlled under the Montreal Protocol?", "Refrigerant cylinder", ["Ivory tusk", "Car battery"],
                                 "The cylinder is labelled R-22: HCFC-22, an ozone-depleting substance.", kind="image"),
                          single("In HS 2022, in which subheading is HCFC-22 (chlorodifluoromethane) classified?", "2903.71", ["2903.76", "3824.99", "2811.21"],
                                 "2903.71: chlorodifluoromethane (HCFC-22). 2903.76 covers halons.")],
        },
    ],
    "pool": [
        single("When was the Montreal Protocol adopted?", "1987", ["1973", "1989", "2001"], "Adopted in September 1987."),
        single("Which amendment added the phase-down of HFCs?", "Kigali Amendment", ["London Amendment", "Beijing Amendment", "Copenhagen Amendment"], "The Kigali Amendment, 2016."),
        single("R-22 is the refrigerant name of:", "HCFC-22", ["HFC-134a", "CFC-12", "Halon-1301"], "R-22 = HCFC-22, chlorodifluoromethane."),
        single("The HS 2022 subheading 2903.71 covers:", "Chlorodifluoromethane (HCFC-22)", ["Halons", "Methyl bromide", "Carbon tetrachloride"], "2903.71 is chlorodifluoromethane."),
        tf("Parties must license imports and exports of used, recycled and reclaimed controlled substances too.", True, "Article 4B covers new, used, recycled and reclaimed substances."),
        tf("HFCs deplete the ozone layer.", False, "HFCs do not deplete ozone; they are controlled for their global warming potential."),
        multiple("Which of these are ozone-depleting substances?", ["CFC-12", "HCFC-22", "Halon-1211"], ["HFC-134a"], "HFC-134a does not deplete ozone."),
        matching("Match the substance with its typical use.", [("Halon-1301", "Fire extinguishing"), ("HCFC-22", "Refrigeration and air conditioning"), ("Methyl bromide", "Fumigation")],
                 "Halons in fire protection, HCFC-22 as refrigerant, methyl bromide as fumigant."),
        ordering("Order the steps of checking a refrigerant import.", ["Read the cylinder label", "Compare it with the declaration and HS code", "Check the import licence and quota", "Release or detain the goods"],
                 "Identify, compare, verify the licence, then decide."),
    ],
}  # fmt: skip

CITES: dict[str, Any] = {
    "slug": "cites", "owner": "CITES", "agreement": "cites", "position": 3,
    "title": "CITES: trade in endangered species",
    "summary": "Appendices, permits and certificates, and how to check specimens of CITES-listed species.",
    "version": {"number": 1, "pass_mark": 70, "max_attempts": 3, "test_size": 6, "estimated_minutes": 45},
    "images": [{"key": "tusk", "file": "tusk.svg", "alt": "A raw ivory tusk", "caption": "Raw ivory: HS 2022 subheading 0507.10."},
               {"key": "cylinder", "file": "cylinder.svg", "alt": "A refrigerant cylinder labelled R-22", "caption": ""},
               {"key": "drum", "file": "drum.svg", "alt": "A steel drum with a hazard label", "caption": ""}],
    "lessons": [
        {
            "title": "The Convention and its Appendices",
            "body": (
                "The Convention on International Trade in Endangered Species of Wild Fauna and Flora (CITES) was signed "
                "in Washington on **3 March 1973** and entered into force in **1975**.\n\n"
                "- **Appendix I**: species threatened with extinction; commercial trade in wild specimens is generally prohibited.\n"
                "- **Appendix II**: species not necessarily threatened now, whose trade must be controlled.\n"
                "- **Appendix III**: species listed by a Party that asks other Parties for help in controlling trade."
            ),
            "exercises": [matching("Match each Appendix with its meaning.",
                                   [("Appendix I", "Threatened with extinction"), ("Appendix II", "Trade must be controlled"), ("Appendix III", "Listed by one Party")],
                                   "See Article II of the Convention.")],
        },
        {
            "title": "Permits and certificates",
            "body": (
                "Trade in CITES specimens requires documents issued by the **Management Authority** of the country: "
                "export permits, re-export certificates and, for Appendix I specimens, an import permit from the importing "
                "country as well. A **Scientific Authority** advises that the export will not be detrimental to the "
                "survival of the species."
            ),
            "resources": [{"title": "Checklist: CITES shipments", "file": "checklist-cites.txt"}],
            "exercises": [tf("An Appendix I specimen needs both an export permit and an import permit.", True,
                             "Article III requires an import permit in addition to the export permit.")],
        },
        {
            "title": "Checking specimens",
            "body": (
                "Specimens include live animals and plants and their parts and derivatives. Raw ivory is classified in "
                "HS 2022 subheading **0507.10**; live eels in **0301.92** (the European eel, *Anguilla anguilla*, is "
                "listed in Appendix II). HS codes do not name species: the permit and an expert identification do."
            ),
            "images": ["tusk"],
            "exercises": [single("Which picture shows a specimen that may need a CITES permit?", "Ivory tusk", ["Refrigerant cylinder", "Steel drum"],
                                 "Ivory comes from elephants, listed in the CITES Appendices.", kind="image")],
        },
    ],
    "pool": [
        single("In which year was CITES signed?", "1973", ["1987", "1992", "1975"], "Signed 3 March 1973; in force 1975."),
        single("Commercial trade in wild specimens is generally prohibited for species in:", "Appendix I", ["Appendix II", "Appendix III", "None of the Appendices"], "Appendix I."),
        single("Who issues CITES permits?", "The Management Authority", ["The customs administration", "The CITES Secretariat", "The exporter"], "Management Authorities issue permits."),
        tf("Appendix III species are listed at the request of one Party.", True, "A Party that regulates trade in a species asks others for cooperation."),
        tf("HS codes identify the species of a specimen.", False, "HS codes describe goods, not species; the permit and identification do."),
        single("In HS 2022, raw ivory is classified in subheading:", "0507.10", ["0508.00", "9601.10", "4403.11"], "0507.10: ivory, unworked or simply prepared."),
        multiple("Which documents may be required for trade in CITES specimens?", ["Export permit", "Re-export certificate", "Import permit (Appendix I)"], ["Ozone licence"], "Ozone licences belong to the Montreal Protocol."),
        ordering("Order the Appendices from the strictest to the least strict control.", ["Appendix I", "Appendix II", "Appendix III"], "Appendix I is the strictest."),
    ],
}  # fmt: skip

BASEL: dict[str, Any] = {
    "slug": "basel-convention", "owner": "BRS", "agreement": "basel", "position": 4,
    "title": "Basel Convention: hazardous wastes",
    "summary": "Prior informed consent, the movement document, waste or product, e-waste and batteries.",
    "version": {"number": 1, "pass_mark": 70, "max_attempts": 3, "test_size": 6, "estimated_minutes": 45},
    "images": [{"key": "battery", "file": "battery.svg", "alt": "A used lead-acid car battery", "caption": "Spent lead-acid batteries: HS 2022 subheading 8549.11."},
               {"key": "drum", "file": "drum.svg", "alt": "A steel drum with a hazard label", "caption": ""},
               {"key": "tusk", "file": "tusk.svg", "alt": "A raw ivory tusk", "caption": ""}],
    "lessons": [
        {
            "title": "The Convention",
            "body": (
                "The Basel Convention on the Control of Transboundary Movements of Hazardous Wastes and their Disposal "
                "was adopted on **22 March 1989** and entered into force in **1992**. It controls hazardous wastes and "
                "\"other wastes\" (household wastes, and since 2021 certain plastic wastes).\n\n"
                "Annex VIII lists wastes characterized as hazardous (list A); Annex IX lists wastes that are not, unless "
                "they contain Annex I material to an extent causing them to exhibit a hazardous characteristic (list B)."
            ),
            "exercises": [tf("The Basel Convention covers only hazardous wastes, never household wastes.", False,
                             "Household wastes are \"other wastes\" under Annex II.")],
        },
        {
            "title": "Prior informed consent and the movement document",
            "body": (
                "A transboundary movement may start only after the State of export has notified the States of import "
                "and transit and received their **written consent**. A **movement document** accompanies the consignment "
                "from the start of the movement to its disposal. Illegal traffic is a criminal act (Article 4)."
            ),
            "resources": [{"title": "Checklist: waste shipments", "file": "checklist-basel.txt"}],
            "exercises": [ordering("Order the steps of a legal transboundary movement of hazardous waste.",
                                   ["Notification by the State of export", "Written consent of the State of import", "Shipment with the movement document", "Confirmation of disposal"],
                                   "Notification, consent, movement, then confirmation of disposal.")],
        },
        {
            "title": "Waste or product? E-waste and batteries",
            "body": (
                "Used goods declared as second-hand may be waste. HS 2022 introduced heading **8549** for electrical and "
                "electronic waste and scrap; spent lead-acid batteries are in subheading **8549.11**.\n\n"
                "Signs of waste: no packaging, damage, mixed loads, goods that cannot work."
            ),
            "images": ["battery"],
            "exercises": [single("Which picture shows goods that may be hazardous waste under the Basel Convention?", "Used car battery", ["Ivory tusk"],
                                 "Spent lead-acid batteries are hazardous waste.", kind="image"),
                          multiple("Which signs suggest that declared second-hand electronics are in fact waste?", ["No protective packaging", "Broken housings", "Mixed loads of different items"],
                                   ["A valid warranty card"], "Damage, missing packaging and mixed loads suggest waste.")],
        },
    ],
    "pool": [
        single("When was the Basel Convention adopted?", "1989", ["1987", "1973", "2001"], "Adopted 22 March 1989."),
        single("What must exist before a hazardous waste shipment starts?", "Written consent of the State of import", ["A CITES permit", "An ozone licence", "Nothing"], "Prior informed consent."),
        single("Which document accompanies a waste consignment?", "The movement document", ["The certificate of origin only", "A phytosanitary certificate", "A CITES permit"], "The movement document."),
        single("Heading 8549 in HS 2022 covers:", "Electrical and electronic waste and scrap", ["Ferrous waste and scrap", "Municipal waste", "Plastic waste"], "8549 was introduced in HS 2022."),
        tf("Illegal traffic in hazardous wastes is a criminal act under the Convention.", True, "Article 4(3)."),
        tf("Annex IX lists wastes characterized as hazardous.", False, "Annex VIII (list A) lists hazardous wastes; Annex IX (list B) lists wastes generally not hazardous."),
        HS_MATCHING,
        matching("Match each Annex with its content.", [("Annex VIII", "Hazardous wastes (list A)"), ("Annex IX", "Wastes generally not hazardous (list B)"), ("Annex II", "Other wastes (household)")],
                 "Annexes of the Basel Convention."),
    ],
}  # fmt: skip

MODULES = [INTRO, MONTREAL, CITES, BASEL]
