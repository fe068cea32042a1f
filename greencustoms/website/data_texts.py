"""The texts of the reference data that the site shows as they are (required documents of each listing),
marked for translation: the French and Spanish are in the website's catalogues; a text not listed here (a
new data release) is shown in English until it is translated."""

from django.utils.translation import gettext_noop

DOCUMENT_TEXTS = [
    gettext_noop("Import/export licence (Article 4B licensing system)"),
    gettext_noop("Reporting of imports and exports (Article 7)"),
    gettext_noop("Import response of the importing Party (PIC Circular)"),
    gettext_noop("Export notification where required (Article 12)"),
    gettext_noop("Labelling and safety data sheet; HS code on shipping documents (Article 13)"),
    gettext_noop("Notification document (Annex V A)"),
    gettext_noop("Movement document (Annex V B)"),
    gettext_noop("Written consent of the State of import and States of transit"),
    gettext_noop(
        "Import/export only for environmentally sound disposal or a use permitted to the importing Party (Article 3(2)); exporting Party's certification when exporting to a non-Party"
    ),
    gettext_noop(
        "Transfer only between States Parties for research, medical, pharmaceutical or protective purposes, with 30-day advance notification to the OPCW (Verification Annex Part VI)"
    ),
    gettext_noop("Re-export certificate for re-exports"),
    gettext_noop(
        "Export licence; end-use certificate for transfers to States not Party (Verification Annex Part VIII)"
    ),
    gettext_noop("Export licence; transfers to States not Party prohibited (Verification Annex Part VII)"),
    gettext_noop("Export permit and import permit (Article III)"),
    gettext_noop("Manufacture, import and export prohibited after 2020 (Article 4)"),
    gettext_noop("Export permit (Article IV)"),
    gettext_noop("Written consent of the importing Party (Article 3(6))"),
    gettext_noop("Written consent of the importing Party or non-Party certification (Article 3(6)-(8))"),
    gettext_noop("Notification to the Party of import and its written consent (AIA, Articles 8-10)"),
    gettext_noop("Documentation identifying the LMO, its traits and a contact point (Article 18(2)(c))"),
    gettext_noop(
        "Documentation stating that the shipment 'may contain' LMOs not intended for intentional introduction into the environment (Article 18(2)(a))"
    ),
    gettext_noop(
        "Documentation identifying the LMOs as destined for contained use, with handling requirements (Article 18(2)(b))"
    ),
]
