"""French and Spanish of the demo content (issue #18).

Agreement names: as the treaties name themselves in French and Spanish, each with where it was read (read on
2026-12-02 with the project's search tool; the secretariats' own pages where the stored copy had them, else the
secondary page named, and "not confirmed" where no stored page gave the exact wording).
Everything else — the module "Introduction to Green Customs", chapter 1 of the Guide, the required-document texts
— was translated for this demonstration by the platform's developers (``is_demo``: not reviewed by the partners);
where the French/Spanish site catalogue already had a document's wording, it is kept.
"""

from __future__ import annotations

READ_ON = "2026-12-02"

#: slug → language → (full name, short name, where the full name was read)
AGREEMENT_NAMES: dict[str, dict[str, tuple[str, str, str]]] = {
    "basel": {
        "fr": (
            "Convention de Bâle sur le contrôle des mouvements transfrontières de déchets dangereux et de leur élimination",
            "Convention de Bâle",
            "batrec.ch/services/mouvement-transfrontaliers-de-dechets/convention-de-bale/ (citing legal.un.org); actu-environnement.com",
        ),
        "es": (
            "Convenio de Basilea sobre el control de los movimientos transfronterizos de los desechos peligrosos y su eliminación",
            "Convenio de Basilea",
            "secretariasq.digeca.go.cr/basilea.aspx (Costa Rica, Ministry of Environment)",
        ),
    },
    "rotterdam": {
        "fr": (
            "Convention de Rotterdam sur la procédure de consentement préalable en connaissance de cause applicable à certains produits chimiques et pesticides dangereux qui font l'objet d'un commerce international",
            "Convention de Rotterdam",
            "futura-sciences.com and mediaterre.org (secondary; the last words 'qui font l'objet d'un commerce international' not confirmed verbatim)",
        ),
        "es": (
            "Convenio de Rotterdam sobre el procedimiento de consentimiento fundamentado previo aplicable a ciertos plaguicidas y productos químicos peligrosos objeto de comercio internacional",
            "Convenio de Rotterdam",
            "miteco.gob.es (Spain, Ministry for the Ecological Transition); fdocuments.co copy of the Convention",
        ),
    },
    "stockholm": {
        "fr": (
            "Convention de Stockholm sur les polluants organiques persistants",
            "Convention de Stockholm",
            "greenfacts.org/fr/glossaire/abc/convention-stockholm.htm",
        ),
        "es": (
            "Convenio de Estocolmo sobre contaminantes orgánicos persistentes",
            "Convenio de Estocolmo",
            "cprac.org/fr/node/526 (UNEP/MAP regional activity centre)",
        ),
    },
    "montreal": {
        "fr": (
            "Protocole de Montréal relatif à des substances qui appauvrissent la couche d'ozone",
            "Protocole de Montréal",
            "aujourdhui.over-blog.fr (secondary: 'son nom complet est « protocole de Montréal relatif à des substances qui appauvrissent la couche d'ozone »')",
        ),
        "es": (
            "Protocolo de Montreal relativo a las sustancias que agotan la capa de ozono",
            "Protocolo de Montreal",
            "not confirmed: no stored page gives this exact title (opsaa.iica.int writes 'Protocolo de Montreal sobre Sustancias que Agotan la Capa de Ozono')",
        ),
    },
    "cites": {
        "fr": (
            "Convention sur le commerce international des espèces de faune et de flore sauvages menacées d'extinction",
            "CITES",
            "not confirmed verbatim: archives.biodiv.be gives 'le commerce des espèces de faune et de flore sauvages menacées d'extinction'",
        ),
        "es": (
            "Convención sobre el Comercio Internacional de Especies Amenazadas de Fauna y Flora Silvestres",
            "CITES",
            "informea.org/es/knowledge/glossary/trade-species (UNEP InforMEA)",
        ),
    },
    "cwc": {
        "fr": (
            "Convention sur l'interdiction de la mise au point, de la fabrication, du stockage et de l'emploi des armes chimiques et sur leur destruction",
            "Convention sur les armes chimiques",
            "opcw.org/fr/convention-sur-linterdiction-des-armes-chimiques (OPCW)",
        ),
        "es": (
            "Convención sobre la prohibición del desarrollo, la producción, el almacenamiento y el empleo de armas químicas y sobre su destrucción",
            "Convención sobre las Armas Químicas",
            "icrc.org/es/content/convencion-de-1993-sobre-la-prohibicion-de-las-armas-quimicas-y-su-destruccion-ficha-tecnica (ICRC)",
        ),
    },
    "cartagena": {
        "fr": (
            "Protocole de Cartagena sur la prévention des risques biotechnologiques relatif à la Convention sur la diversité biologique",
            "Protocole de Cartagena",
            "graphsearch.epfl.ch/fr/concept/45562 (secondary)",
        ),
        "es": (
            "Protocolo de Cartagena sobre Seguridad de la Biotecnología del Convenio sobre la Diversidad Biológica",
            "Protocolo de Cartagena",
            "es.knowpia.com/knowpedia/Protocolo_de_Cartagena (secondary); lk.chm-cbd.net writes '… del Convenio sobre Diversidad Biológica'",
        ),
    },
    "minamata": {
        "fr": (
            "Convention de Minamata sur le mercure",
            "Convention de Minamata",
            "encyclopedie-environnement.org/societe/convention-minamata/",
        ),
        "es": (
            "Convenio de Minamata sobre el Mercurio",
            "Convenio de Minamata",
            "studylib.es copy of 'Cómo formar parte del Convenio de Minamata sobre el Mercurio' (Minamata Convention secretariat leaflet)",
        ),
    },
}

#: Required-document texts of the reference data: English → (French, Spanish). Demo translations.
DOCUMENTS: dict[str, tuple[str, str]] = {
    "Documentation identifying the LMO, its traits and a contact point (Article 18(2)(c))": (
        "Documentation identifiant l'OVM, ses caractéristiques et un point de contact (article 18, paragraphe 2 c))",
        "Documentación que identifique el OVM, sus rasgos y un punto de contacto (artículo 18, párrafo 2 c))",
    ),
    "Documentation identifying the LMOs as destined for contained use, with handling requirements (Article 18(2)(b))": (
        "Documentation indiquant que les OVM sont destinés à une utilisation en milieu confiné, avec les conditions de manipulation (article 18, paragraphe 2 b))",
        "Documentación que identifique los OVM como destinados a uso confinado, con los requisitos de manipulación (artículo 18, párrafo 2 b))",
    ),
    "Documentation stating that the shipment 'may contain' LMOs not intended for intentional introduction into the environment (Article 18(2)(a))": (
        "Documentation indiquant que l'envoi « peut contenir » des OVM qui ne sont pas destinés à être introduits intentionnellement dans l'environnement (article 18, paragraphe 2 a))",
        "Documentación que indique que el envío « puede contener » OVM no destinados a su introducción intencional en el medio ambiente (artículo 18, párrafo 2 a))",
    ),
    "Export licence; end-use certificate for transfers to States not Party (Verification Annex Part VIII)": (
        "Licence d'exportation ; certificat d'utilisation finale pour les transferts vers des États non parties (Annexe sur la vérification, huitième partie)",
        "Licencia de exportación; certificado de uso final para las transferencias a Estados no Partes (Anexo sobre verificación, parte VIII)",
    ),
    "Export licence; transfers to States not Party prohibited (Verification Annex Part VII)": (
        "Licence d'exportation ; transferts vers des États non parties interdits (Annexe sur la vérification, septième partie)",
        "Licencia de exportación; prohibidas las transferencias a Estados no Partes (Anexo sobre verificación, parte VII)",
    ),
    "Export notification where required (Article 12)": (
        "Notification d'exportation lorsqu'elle est requise (article 12)",
        "Notificación de exportación cuando se requiera (artículo 12)",
    ),
    "Export permit (Article IV)": (
        "Permis d'exportation (Article IV)",
        "Permiso de exportación (Artículo IV)",
    ),
    "Export permit and import permit (Article III)": (
        "Permis d'exportation et permis d'importation (Article III)",
        "Permiso de exportación y permiso de importación (Artículo III)",
    ),
    "Import response of the importing Party (PIC Circular)": (
        "Réponse de la Partie importatrice concernant l'importation (Circulaire PIC)",
        "Respuesta de la Parte importadora sobre la importación (Circular CFP)",
    ),
    "Import/export licence (Article 4B licensing system)": (
        "Licence d'importation ou d'exportation (système d'octroi de licences, article 4B)",
        "Licencia de importación o exportación (sistema de licencias, artículo 4B)",
    ),
    "Import/export only for environmentally sound disposal or a use permitted to the importing Party (Article 3(2)); exporting Party's certification when exporting to a non-Party": (
        "Importation ou exportation uniquement en vue d'une élimination écologiquement rationnelle ou d'une utilisation autorisée pour la Partie importatrice (article 3, paragraphe 2) ; certification de la Partie exportatrice en cas d'exportation vers un État non Partie",
        "Importación o exportación solo para su eliminación ambientalmente racional o para un uso permitido a la Parte importadora (artículo 3, párrafo 2); certificación de la Parte exportadora cuando exporta a un Estado que no es Parte",
    ),
    "Labelling and safety data sheet; HS code on shipping documents (Article 13)": (
        "Étiquetage et fiche de données de sécurité ; code SH sur les documents d'expédition (article 13)",
        "Etiquetado y hoja de datos de seguridad; código SA en los documentos de envío (artículo 13)",
    ),
    "Manufacture, import and export prohibited after 2020 (Article 4)": (
        "Fabrication, importation et exportation interdites après 2020 (article 4)",
        "Fabricación, importación y exportación prohibidas después de 2020 (artículo 4)",
    ),
    "Movement document (Annex V B)": (
        "Document de mouvement (annexe V B)",
        "Documento de movimiento (anexo V B)",
    ),
    "Notification document (Annex V A)": (
        "Document de notification (annexe V A)",
        "Documento de notificación (anexo V A)",
    ),
    "Notification to the Party of import and its written consent (AIA, Articles 8-10)": (
        "Notification à la Partie importatrice et son consentement écrit (accord préalable en connaissance de cause, articles 8 à 10)",
        "Notificación a la Parte de importación y su consentimiento por escrito (acuerdo fundamentado previo, artículos 8 a 10)",
    ),
    "Re-export certificate for re-exports": (
        "Certificat de réexportation pour les réexportations",
        "Certificado de reexportación para las reexportaciones",
    ),
    "Reporting of imports and exports (Article 7)": (
        "Communication des données sur les importations et exportations (article 7)",
        "Presentación de datos sobre importaciones y exportaciones (artículo 7)",
    ),
    "Transfer only between States Parties for research, medical, pharmaceutical or protective purposes, with 30-day advance notification to the OPCW (Verification Annex Part VI)": (
        "Transferts uniquement entre États parties, à des fins de recherche, médicales, pharmaceutiques ou de protection, avec notification à l'OIAC 30 jours à l'avance (Annexe sur la vérification, sixième partie)",
        "Transferencias solo entre Estados Partes con fines de investigación, médicos, farmacéuticos o de protección, con notificación a la OPAQ con 30 días de antelación (Anexo sobre verificación, parte VI)",
    ),
    "Written consent of the State of import and States of transit": (
        "Consentement écrit de l'État d'importation et des États de transit",
        "Consentimiento por escrito del Estado de importación y de los Estados de tránsito",
    ),
    "Written consent of the importing Party (Article 3(6))": (
        "Consentement écrit de la Partie importatrice (article 3, paragraphe 6)",
        "Consentimiento por escrito de la Parte importadora (artículo 3, párrafo 6)",
    ),
    "Written consent of the importing Party or non-Party certification (Article 3(6)-(8))": (
        "Consentement écrit de la Partie importatrice ou certification d'un État non Partie (article 3, paragraphes 6 à 8)",
        "Consentimiento por escrito de la Parte importadora o certificación de un Estado que no es Parte (artículo 3, párrafos 6 a 8)",
    ),
}

#: The module translated for the demonstration (slug) and its texts: English → (French, Spanish).
MODULE = "introduction"

MODULE_TEXTS: dict[str, tuple[str, str]] = {
    "Introduction to Green Customs": (
        "Introduction à l'Initiative Douanes vertes",
        "Introducción a Aduanas Verdes",
    ),
    "Why customs matter for the environmental agreements, which goods they control and how the partners help.": (
        "Pourquoi les douanes comptent pour les accords environnementaux, quelles marchandises ceux-ci contrôlent et comment les partenaires aident.",
        "Por qué las aduanas importan para los acuerdos ambientales, qué mercancías controlan y cómo ayudan los asociados.",
    ),
    # lessons (titles)
    "Customs and the environment": ("Les douanes et l'environnement", "Las aduanas y el medio ambiente"),
    "The agreements in one page": ("Les accords en une page", "Los acuerdos en una página"),
    "Working with permits and licences": (
        "Travailler avec les permis et les licences",
        "Trabajar con permisos y licencias",
    ),
    # questions
    "Green Customs is about illegal trade only: legal trade is not a concern of customs.": (
        "Douanes vertes ne concerne que le commerce illégal : le commerce légal n'est pas l'affaire des douanes.",
        "Aduanas Verdes solo se ocupa del comercio ilegal: el comercio legal no es asunto de las aduanas.",
    ),
    "Customs both prevent illegal trade and facilitate legal trade that complies with the agreements.": (
        "Les douanes préviennent le commerce illégal et facilitent le commerce légal conforme aux accords.",
        "Las aduanas previenen el comercio ilegal y facilitan el comercio legal que cumple los acuerdos.",
    ),
    "Match each HS 2022 code with the agreement that controls goods classified there.": (
        "Associez chaque code du SH 2022 à l'accord qui contrôle les marchandises qui y sont classées.",
        "Relacione cada código del SA 2022 con el acuerdo que controla las mercancías clasificadas en él.",
    ),
    "HCFC-22 is an ozone-depleting substance; ivory comes from CITES-listed elephants; spent lead-acid batteries are hazardous waste.": (
        "Le HCFC-22 appauvrit la couche d'ozone ; l'ivoire provient d'éléphants inscrits à la CITES ; les accumulateurs au plomb usagés sont des déchets dangereux.",
        "El HCFC-22 agota la capa de ozono; el marfil procede de elefantes incluidos en la CITES; las baterías de plomo-ácido usadas son desechos peligrosos.",
    ),
    "2903.71 (HCFC-22)": ("2903.71 (HCFC-22)", "2903.71 (HCFC-22)"),
    "0507.10 (ivory)": ("0507.10 (ivoire)", "0507.10 (marfil)"),
    "8549.11 (spent lead-acid accumulators)": (
        "8549.11 (accumulateurs au plomb hors d'usage)",
        "8549.11 (acumuladores de plomo-ácido inservibles)",
    ),
    "Put the checks of a declaration of controlled goods in a sensible order.": (
        "Mettez dans un ordre logique les contrôles d'une déclaration de marchandises réglementées.",
        "Ordene de forma lógica los controles de una declaración de mercancías controladas.",
    ),
    "First know what the goods are, then which rules apply, then check the documents against the goods.": (
        "D'abord savoir ce que sont les marchandises, puis quelles règles s'appliquent, enfin confronter les documents aux marchandises.",
        "Primero saber qué son las mercancías, luego qué normas se aplican y, por último, cotejar los documentos con las mercancías.",
    ),
    "Identify the goods and their HS code": (
        "Identifier les marchandises et leur code SH",
        "Identificar las mercancías y su código SA",
    ),
    "Find the agreement that controls them": (
        "Trouver l'accord qui les contrôle",
        "Encontrar el acuerdo que las controla",
    ),
    "Check the permit or licence": ("Vérifier le permis ou la licence", "Verificar el permiso o la licencia"),
    "Compare the document with the goods": (
        "Comparer le document aux marchandises",
        "Comparar el documento con las mercancías",
    ),
    "Which agreement controls trade in ozone-depleting substances?": (
        "Quel accord contrôle le commerce des substances qui appauvrissent la couche d'ozone ?",
        "¿Qué acuerdo controla el comercio de sustancias que agotan la capa de ozono?",
    ),
    "The Montreal Protocol (1987) controls ozone-depleting substances.": (
        "Le Protocole de Montréal (1987) contrôle les substances qui appauvrissent la couche d'ozone.",
        "El Protocolo de Montreal (1987) controla las sustancias que agotan la capa de ozono.",
    ),
    "Which agreement controls transboundary movements of hazardous wastes?": (
        "Quel accord contrôle les mouvements transfrontières de déchets dangereux ?",
        "¿Qué acuerdo controla los movimientos transfronterizos de desechos peligrosos?",
    ),
    "The Basel Convention (1989).": ("La Convention de Bâle (1989).", "El Convenio de Basilea (1989)."),
    "Which agreement controls trade in mercury?": (
        "Quel accord contrôle le commerce du mercure ?",
        "¿Qué acuerdo controla el comercio de mercurio?",
    ),
    "The Minamata Convention on Mercury (2013).": (
        "La Convention de Minamata sur le mercure (2013).",
        "El Convenio de Minamata sobre el Mercurio (2013).",
    ),
    "CITES regulates trade in endangered species of wild fauna and flora.": (
        "La CITES réglemente le commerce des espèces de faune et de flore sauvages menacées d'extinction.",
        "La CITES regula el comercio de especies amenazadas de fauna y flora silvestres.",
    ),
    "CITES: Convention on International Trade in Endangered Species of Wild Fauna and Flora.": (
        "CITES : Convention sur le commerce international des espèces de faune et de flore sauvages menacées d'extinction.",
        "CITES: Convención sobre el Comercio Internacional de Especies Amenazadas de Fauna y Flora Silvestres.",
    ),
    "The Cartagena Protocol is about living modified organisms.": (
        "Le Protocole de Cartagena porte sur les organismes vivants modifiés.",
        "El Protocolo de Cartagena trata de los organismos vivos modificados.",
    ),
    "The Cartagena Protocol on Biosafety (2000) covers living modified organisms.": (
        "Le Protocole de Cartagena sur la prévention des risques biotechnologiques (2000) couvre les organismes vivants modifiés.",
        "El Protocolo de Cartagena sobre Seguridad de la Biotecnología (2000) abarca los organismos vivos modificados.",
    ),
    "Which of these are controlled under the Montreal Protocol?": (
        "Lesquels de ces produits sont contrôlés par le Protocole de Montréal ?",
        "¿Cuáles de estos productos controla el Protocolo de Montreal?",
    ),
    "CFCs, HCFCs and halons are ozone-depleting substances.": (
        "Les CFC, les HCFC et les halons appauvrissent la couche d'ozone.",
        "Los CFC, los HCFC y los halones agotan la capa de ozono.",
    ),
    # choices
    "True": ("Vrai", "Verdadero"),
    "False": ("Faux", "Falso"),
    "Montreal Protocol": ("Protocole de Montréal", "Protocolo de Montreal"),
    "CITES": ("CITES", "CITES"),
    "Basel Convention": ("Convention de Bâle", "Convenio de Basilea"),
    "Minamata Convention": ("Convention de Minamata", "Convenio de Minamata"),
    "Stockholm Convention": ("Convention de Stockholm", "Convenio de Estocolmo"),
    "Cartagena Protocol": ("Protocole de Cartagena", "Protocolo de Cartagena"),
    "Rotterdam Convention": ("Convention de Rotterdam", "Convenio de Rotterdam"),
    "CFCs": ("CFC", "CFC"),
    "HCFCs": ("HCFC", "HCFC"),
    "Halons": ("Halons", "Halones"),
    "Ivory": ("Ivoire", "Marfil"),
    "Mercury": ("Mercure", "Mercurio"),
}

#: Lesson bodies (Markdown), by the lesson's English title: (French, Spanish).
LESSON_BODIES: dict[str, tuple[str, str]] = {
    "Customs and the environment": (
        "Plusieurs accords multilatéraux sur l'environnement contrôlent le commerce : des substances qui appauvrissent "
        "la couche d'ozone, des produits chimiques et déchets dangereux, des espèces de faune et de flore sauvages "
        "menacées d'extinction, des précurseurs d'armes chimiques, des organismes vivants modifiés et du mercure.\n\n"
        "Les agents des douanes voient les marchandises à la frontière. L'**Initiative Douanes vertes** est un "
        "partenariat d'organisations internationales qui les aide à détecter et à prévenir le commerce illégal de ces "
        "marchandises sensibles pour l'environnement, tout en facilitant le commerce légal.",
        "Varios acuerdos multilaterales sobre el medio ambiente controlan el comercio: de sustancias que agotan la capa "
        "de ozono, productos químicos y desechos peligrosos, especies amenazadas de fauna y flora silvestres, "
        "precursores de armas químicas, organismos vivos modificados y mercurio.\n\n"
        "Los funcionarios de aduanas ven las mercancías en la frontera. La **Iniciativa Aduanas Verdes** es una "
        "asociación de organizaciones internacionales que les ayuda a detectar y prevenir el comercio ilegal de estas "
        "mercancías sensibles para el medio ambiente, facilitando al mismo tiempo el comercio legal.",
    ),
    "The agreements in one page": (
        "| Accord | Contrôle |\n|---|---|\n"
        "| Protocole de Montréal (1987) | substances qui appauvrissent la couche d'ozone |\n"
        "| CITES (1973) | espèces de faune et de flore sauvages menacées d'extinction |\n"
        "| Convention de Bâle (1989) | déchets dangereux et autres déchets |\n"
        "| Convention de Rotterdam (1998) | certains produits chimiques et pesticides dangereux (consentement préalable en connaissance de cause) |\n"
        "| Convention de Stockholm (2001) | polluants organiques persistants |\n"
        "| Convention sur les armes chimiques (1993) | produits chimiques toxiques et précurseurs |\n"
        "| Protocole de Cartagena (2000) | organismes vivants modifiés |\n"
        "| Convention de Minamata (2013) | mercure |\n",
        "| Acuerdo | Controla |\n|---|---|\n"
        "| Protocolo de Montreal (1987) | sustancias que agotan la capa de ozono |\n"
        "| CITES (1973) | especies amenazadas de fauna y flora silvestres |\n"
        "| Convenio de Basilea (1989) | desechos peligrosos y otros desechos |\n"
        "| Convenio de Rotterdam (1998) | ciertos plaguicidas y productos químicos peligrosos (consentimiento fundamentado previo) |\n"
        "| Convenio de Estocolmo (2001) | contaminantes orgánicos persistentes |\n"
        "| Convención sobre las Armas Químicas (1993) | sustancias químicas tóxicas y precursores |\n"
        "| Protocolo de Cartagena (2000) | organismos vivos modificados |\n"
        "| Convenio de Minamata (2013) | mercurio |\n",
    ),
    "Working with permits and licences": (
        "La plupart des accords fonctionnent au moyen de documents délivrés par les autorités nationales : licences "
        "pour les substances qui appauvrissent la couche d'ozone, permis et certificats CITES, documents de "
        "consentement et de mouvement pour les déchets. L'agent des douanes vérifie que le document existe, qu'il est "
        "valide et qu'il correspond aux marchandises.\n\n"
        "Bonne pratique : connaître les correspondants nationaux de chaque accord et les contacter en cas de doute.",
        "La mayoría de los acuerdos funcionan mediante documentos expedidos por las autoridades nacionales: licencias "
        "para las sustancias que agotan la capa de ozono, permisos y certificados CITES, documentos de consentimiento y "
        "de movimiento para los desechos. El funcionario de aduanas comprueba que el documento existe, es válido y "
        "corresponde a las mercancías.\n\n"
        "Buena práctica: conocer los puntos focales nacionales de cada acuerdo y consultarlos en caso de duda.",
    ),
}

#: Chapter 1 of the Guide (slug ``organizations``): titles and intro, English → (French, Spanish).
GUIDE_CHAPTER = "organizations"

GUIDE_TEXTS: dict[str, tuple[str, str]] = {
    "The organizations of the Green Customs Initiative": (
        "Les organisations de l'Initiative Douanes vertes",
        "Las organizaciones de la Iniciativa Aduanas Verdes",
    ),
    "The partners of the initiative, in alphabetical order.": (
        "Les partenaires de l'initiative, par ordre alphabétique.",
        "Los asociados de la iniciativa, por orden alfabético.",
    ),
    "World Customs Organization": ("Organisation mondiale des douanes", "Organización Mundial de Aduanas"),
    "United Nations Environment Programme": (
        "Programme des Nations Unies pour l'environnement",
        "Programa de las Naciones Unidas para el Medio Ambiente",
    ),
    "Secretariat of the Basel, Rotterdam and Stockholm Conventions": (
        "Secrétariat des Conventions de Bâle, de Rotterdam et de Stockholm",
        "Secretaría de los Convenios de Basilea, Rotterdam y Estocolmo",
    ),
    "Ozone Secretariat": ("Secrétariat de l'ozone", "Secretaría del Ozono"),
    "CITES Secretariat": ("Secrétariat de la CITES", "Secretaría de la CITES"),
    "Secretariat of the Convention on Biological Diversity": (
        "Secrétariat de la Convention sur la diversité biologique",
        "Secretaría del Convenio sobre la Diversidad Biológica",
    ),
    "Organisation for the Prohibition of Chemical Weapons": (
        "Organisation pour l'interdiction des armes chimiques",
        "Organización para la Prohibición de las Armas Químicas",
    ),
    "International Criminal Police Organization": (
        "Organisation internationale de police criminelle",
        "Organización Internacional de Policía Criminal",
    ),
    "United Nations Office on Drugs and Crime": (
        "Office des Nations Unies contre la drogue et le crime",
        "Oficina de las Naciones Unidas contra la Droga y el Delito",
    ),
}

#: Section bodies of chapter 1 (Markdown), by the first words of the English body: (French, Spanish).
GUIDE_BODIES: dict[str, tuple[str, str]] = {
    "The World Customs Organization": (
        "L'Organisation mondiale des douanes est l'organisation intergouvernementale des administrations douanières, "
        "établie à Bruxelles. Elle a été créée en 1952 sous le nom de Conseil de coopération douanière.\n\n"
        "L'OMD élabore et tient à jour le Système harmonisé de désignation et de codification des marchandises (SH), "
        "la nomenclature dans laquelle les marchandises sont classées à la frontière. Son programme environnement, ses "
        "bureaux régionaux de liaison chargés du renseignement et son réseau douanier de lutte contre la fraude "
        "soutiennent les administrations qui contrôlent le commerce couvert par les accords environnementaux. L'OMD "
        "est un organe intergouvernemental technique, pas un service de répression.",
        "La Organización Mundial de Aduanas es la organización intergubernamental de las administraciones de aduanas, "
        "con sede en Bruselas. Se creó en 1952 como Consejo de Cooperación Aduanera.\n\n"
        "La OMA elabora y mantiene el Sistema Armonizado de Designación y Codificación de Mercancías (SA), la "
        "nomenclatura en la que se clasifican las mercancías en la frontera. Su programa de medio ambiente, sus "
        "oficinas regionales de enlace en materia de inteligencia y su red aduanera de lucha contra el fraude apoyan a "
        "las administraciones que controlan el comercio regulado por los acuerdos ambientales. La OMA es un órgano "
        "intergubernamental técnico, no un organismo de represión.",
    ),
    "The United Nations Environment Programme": (
        "Le Programme des Nations Unies pour l'environnement est la principale autorité environnementale mondiale du "
        "système des Nations Unies, établie à Nairobi. C'est un partenaire fondateur de l'Initiative Douanes vertes.\n\n"
        "Plusieurs de ses divisions y participent : la Division du droit travaille au respect et à l'application des "
        "accords multilatéraux sur l'environnement ; OzonAction, au sein de la Division de l'économie, aide les pays en "
        "développement à respecter le Protocole de Montréal et publie du matériel de formation douanière sur les "
        "substances qui appauvrissent la couche d'ozone ; le Service des produits chimiques et de la santé travaille à "
        "la gestion rationnelle des produits chimiques et des déchets.",
        "El Programa de las Naciones Unidas para el Medio Ambiente es la principal autoridad ambiental mundial del "
        "sistema de las Naciones Unidas, con sede en Nairobi. Es socio fundador de la Iniciativa Aduanas Verdes.\n\n"
        "Participan varias de sus divisiones: la División de Derecho trabaja en el cumplimiento y la aplicación de los "
        "acuerdos multilaterales sobre el medio ambiente; OzonAction, en la División de Economía, ayuda a los países en "
        "desarrollo a cumplir el Protocolo de Montreal y publica material de formación aduanera sobre las sustancias "
        "que agotan la capa de ozono; la Subdivisión de Productos Químicos y Salud trabaja en la gestión racional de "
        "los productos químicos y los desechos.",
    ),
    "The Secretariat of the Basel": (
        "Le Secrétariat des Conventions de Bâle, de Rotterdam et de Stockholm sert conjointement les trois conventions "
        "sur les produits chimiques et les déchets. Le secrétariat de la Convention de Rotterdam est partagé avec "
        "l'Organisation des Nations Unies pour l'alimentation et l'agriculture (FAO).\n\n"
        "Il forme les agents des douanes et des services de répression au contrôle des mouvements transfrontières de "
        "déchets dangereux et aux règles commerciales applicables aux produits chimiques dangereux et aux polluants "
        "organiques persistants inscrits.",
        "La Secretaría de los Convenios de Basilea, Rotterdam y Estocolmo presta servicio conjuntamente a los tres "
        "convenios sobre productos químicos y desechos. La secretaría del Convenio de Rotterdam se comparte con la "
        "Organización de las Naciones Unidas para la Alimentación y la Agricultura (FAO).\n\n"
        "Forma a funcionarios de aduanas y de los servicios de represión en el control de los movimientos "
        "transfronterizos de desechos peligrosos y en las normas comerciales de los productos químicos peligrosos y "
        "contaminantes orgánicos persistentes incluidos en las listas.",
    ),
    "The Ozone Secretariat": (
        "Le Secrétariat de l'ozone est le secrétariat de la Convention de Vienne pour la protection de la couche d'ozone "
        "et de son Protocole de Montréal. Il est hébergé par le PNUE à Nairobi.\n\n"
        "Il assure le service des réunions des Parties, reçoit leurs données sur la production, l'importation et "
        "l'exportation des substances réglementées et suit les décisions des Parties sur le commerce illicite et les "
        "systèmes d'octroi de licences.",
        "La Secretaría del Ozono es la secretaría del Convenio de Viena para la Protección de la Capa de Ozono y de su "
        "Protocolo de Montreal. La acoge el PNUMA en Nairobi.\n\n"
        "Presta servicio a las reuniones de las Partes, recibe sus datos sobre producción, importación y exportación "
        "de sustancias controladas y sigue las decisiones de las Partes sobre el comercio ilícito y los sistemas de "
        "licencias.",
    ),
    "The CITES Secretariat": (
        "Le Secrétariat de la CITES, administré par le PNUE et établi à Genève, sert la Convention sur le commerce "
        "international des espèces de faune et de flore sauvages menacées d'extinction.\n\n"
        "Il aide les Parties à appliquer le système de permis, publie des alertes avec INTERPOL et l'OMD et produit du "
        "matériel de formation et de lutte contre la fraude pour les douanes.",
        "La Secretaría de la CITES, administrada por el PNUMA y con sede en Ginebra, presta servicio a la Convención "
        "sobre el Comercio Internacional de Especies Amenazadas de Fauna y Flora Silvestres.\n\n"
        "Ayuda a las Partes a aplicar el sistema de permisos, emite alertas con INTERPOL y la OMA y produce material de "
        "formación y de observancia para las aduanas.",
    ),
    "The Secretariat of the Convention on Biological Diversity": (
        "Le Secrétariat de la Convention sur la diversité biologique, établi à Montréal, sert la Convention et son "
        "Protocole de Cartagena sur la prévention des risques biotechnologiques.\n\n"
        "Il gère le Centre d'échange pour la prévention des risques biotechnologiques, où les Parties publient leurs "
        "décisions sur les organismes vivants modifiés ; les agents des douanes peuvent y vérifier ce qu'un pays a "
        "autorisé.",
        "La Secretaría del Convenio sobre la Diversidad Biológica, con sede en Montreal, presta servicio al Convenio y "
        "a su Protocolo de Cartagena sobre Seguridad de la Biotecnología.\n\n"
        "Administra el Centro de Intercambio de Información sobre Seguridad de la Biotecnología, donde las Partes "
        "publican sus decisiones sobre organismos vivos modificados; los funcionarios de aduanas pueden comprobar allí "
        "lo que un país ha autorizado.",
    ),
    "The Organisation for the Prohibition of Chemical Weapons": (
        "L'Organisation pour l'interdiction des armes chimiques, établie à La Haye, est l'organe de mise en œuvre de la "
        "Convention sur les armes chimiques. Elle a reçu le prix Nobel de la paix en 2013.\n\n"
        "Elle aide les autorités nationales et les douanes à contrôler les transferts de produits chimiques inscrits et "
        "propose des formations et des outils d'appui aux douanes.",
        "La Organización para la Prohibición de las Armas Químicas, con sede en La Haya, es el órgano de aplicación de "
        "la Convención sobre las Armas Químicas. Recibió el Premio Nobel de la Paz en 2013.\n\n"
        "Ayuda a las autoridades nacionales y a las aduanas a controlar las transferencias de sustancias químicas "
        "incluidas en las listas y ofrece formación y herramientas de apoyo a las aduanas.",
    ),
    "INTERPOL, the International Criminal Police Organization": (
        "INTERPOL, l'Organisation internationale de police criminelle, relie les forces de police de ses pays membres. "
        "Son programme de sécurité environnementale soutient les enquêtes sur la criminalité liée à la pollution, aux "
        "espèces sauvages et aux forêts, souvent avec les douanes.",
        "INTERPOL, la Organización Internacional de Policía Criminal, conecta a las fuerzas policiales de sus países "
        "miembros. Su programa de seguridad ambiental apoya las investigaciones sobre delitos de contaminación, contra "
        "la vida silvestre y forestales, a menudo con las aduanas.",
    ),
    "The United Nations Office on Drugs and Crime": (
        "L'Office des Nations Unies contre la drogue et le crime, établi à Vienne, aide les États à agir contre la "
        "criminalité transnationale organisée, y compris les infractions qui touchent l'environnement comme la "
        "criminalité liée aux espèces sauvages et aux forêts.\n\n"
        "Avec l'OMD, il mène le Programme de contrôle des conteneurs, qui met en place dans les ports des unités de "
        "contrôle composées d'agents des douanes et de la police pour cibler et inspecter les conteneurs à haut risque.",
        "La Oficina de las Naciones Unidas contra la Droga y el Delito, con sede en Viena, ayuda a los Estados a actuar "
        "contra la delincuencia organizada transnacional, incluidos los delitos que afectan al medio ambiente, como los "
        "delitos contra la vida silvestre y forestales.\n\n"
        "Con la OMA dirige el Programa de Control de Contenedores, que crea en los puertos unidades de control formadas "
        "por funcionarios de aduanas y de policía para seleccionar e inspeccionar los contenedores de alto riesgo.",
    ),
}
