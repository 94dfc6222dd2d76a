"""French wording (default language)."""

KINDS = {
    "null": "une valeur vide",
    "bool": "un booléen (oui/non)",
    "number": "un nombre",
    "text": "un texte",
    "list": "une liste",
    "mapping": "un dictionnaire (clé: valeur)",
}

MESSAGES = {
    # --- reading the file
    "file_not_found": "fichier introuvable : {path}",
    "file_unreadable": "lecture impossible : {detail}",
    "yaml_encoding": (
        "octet {byte} invalide en UTF-8 ; enregistrez le fichier en UTF-8 "
        "(dans votre éditeur : « Enregistrer avec l'encodage » → UTF-8)"
    ),
    "yaml_empty": "le fichier est vide ; `profile-gen init` crée un profil à compléter",
    "yaml_too_large": "fichier trop volumineux ({size} octets, maximum {limit})",
    "yaml_too_deep": "imbrication trop profonde (plus de {limit} niveaux)",
    "yaml_too_many_nodes": "document trop grand (plus de {limit} valeurs, alias compris)",
    "yaml_tab": (
        "tabulation trouvée : YAML n'accepte que des espaces pour l'indentation ; "
        "remplacez les tabulations par des espaces"
    ),
    "yaml_syntax": "syntaxe YAML invalide : {detail} ; vérifiez l'indentation, les deux-points et les guillemets",
    "yaml_colon": (
        "deux-points inattendu : si la valeur contient « : », mettez-la entre guillemets "
        '(titre: "Bilan : 2025")'
    ),
    "yaml_indent": (
        "indentation incohérente : alignez cette ligne sur les autres clés de même niveau "
        "(mêmes espaces en début de ligne)"
    ),
    "yaml_reserved": (
        "caractère réservé en début de valeur ({detail}) : mettez la valeur entre guillemets"
    ),
    "yaml_alias": "alias YAML (*nom) sans ancre (&nom) correspondante",
    "yaml_flow": "liste [..] ou dictionnaire {..} mal fermé : vérifiez virgules et crochets",
    "yaml_unclosed_quote": "guillemet ouvert ici et jamais refermé",
    "yaml_control_char": "caractère invisible {char} interdit en YAML ; supprimez-le (souvent copié depuis un PDF ou un traitement de texte)",
    "yaml_multiple_documents": "plusieurs documents YAML (`---`) : un profil tient en un seul document",
    "yaml_root_not_mapping": (
        "le profil doit être un dictionnaire de sections (identity:, experience:, …) ; "
        "trouvé : {kind}"
    ),
    "yaml_duplicate_key": "clé « {key} » en double (déjà définie ligne {first_line}) ; gardez-en une seule",
    "yaml_key_not_text": "une clé doit être un texte ; trouvé : {kind}",
    "yaml_merge_key": "les clés de fusion YAML (`<<`) ne sont pas prises en charge ; recopiez les valeurs",
    "yaml_tag": "étiquette YAML « {tag} » non prise en charge ; retirez-la",
    # --- validating values
    "missing": "champ obligatoire « {field} » manquant",
    "unknown_key": "clé inconnue « {key} » ; vouliez-vous dire « {suggestion} » ?",
    "unknown_key_no_hint": "clé inconnue « {key} » ; clés possibles : {allowed}",
    "string_type": "attendu : un texte ; trouvé : {found}",
    "string_too_short": "attendu : un texte non vide ; trouvé : {found}",
    "string_too_long": "texte trop long (maximum {max_length} caractères)",
    "string_pattern_mismatch": (
        "identifiant invalide : attendu des minuscules, chiffres et tirets (ex. `migration-erp`) ; "
        "trouvé : {found}"
    ),
    "int_type": "attendu : un nombre entier ; trouvé : {found}",
    "int_parsing": "attendu : un nombre entier ; trouvé : {found}",
    "int_from_float": "attendu : un nombre entier ; trouvé : {found}",
    "bool_type": "attendu : true ou false ; trouvé : {found}",
    "bool_parsing": "attendu : true ou false ; trouvé : {found}",
    "greater_than_equal": "attendu : un nombre d'au moins {ge} ; trouvé : {found}",
    "less_than_equal": "attendu : un nombre d'au plus {le} ; trouvé : {found}",
    "list_type": "attendu : une liste (lignes commençant par « - ») ; trouvé : {found}",
    "model_type": "attendu : un dictionnaire (clé: valeur) ; trouvé : {found}",
    "model_attributes_type": "attendu : un dictionnaire (clé: valeur) ; trouvé : {found}",
    "dict_type": "attendu : un dictionnaire (clé: valeur) ; trouvé : {found}",
    "enum": "valeur inconnue {found} ; valeurs possibles : {expected}",
    "literal_error": "valeur inconnue {found} ; valeurs possibles : {expected}",
    "too_short": "attendu : au moins {min_length} élément(s) ; trouvé : {actual_length}",
    "too_long": "attendu : au plus {max_length} élément(s) ; trouvé : {actual_length}",
    "pg_text_type": "attendu : un texte, ou un texte par langue ({{fr: …, en: …}}) ; trouvé : {found}",
    "pg_text_empty": "le texte est vide",
    "pg_text_language": "langue inconnue « {found} » ; langues possibles : {expected}",
    "pg_date": "attendu : une date AAAA, AAAA-MM ou AAAA-MM-JJ ; trouvé : {found}",
    "pg_end_date": (
        "attendu : une date AAAA, AAAA-MM ou AAAA-MM-JJ, ou `present` ; trouvé : {found}"
    ),
    "pg_date_month": "mois invalide dans {found} (attendu 01 à 12)",
    "pg_date_day": "jour invalide dans {found}",
    "pg_date_year": "année invalide dans {found} (attendu 1900 à 2100)",
    "pg_url": "attendu : une adresse http:// ou https:// ; trouvé : {found}",
    "pg_url_host": "adresse sans nom de domaine valide : {found}",
    "pg_email": "attendu : une adresse e-mail (nom@domaine.fr) ; trouvé : {found}",
    "pg_phone": "attendu : un numéro de téléphone (ex. « +33 6 12 34 56 78 ») ; trouvé : {found}",
    "pg_linkedin": "attendu : une adresse de profil LinkedIn (https://www.linkedin.com/in/…) ; trouvé : {found}",
    "pg_locale_repeat": "langue répétée dans `locale`",
    # --- consistency
    "end_before_start": "la fin ({end}) précède le début ({start})",
    "unknown_achievement": "aucune réalisation n'a l'identifiant « {found} » ; identifiants connus : {known}",
    "unknown_competency": "aucune compétence n'a l'identifiant « {found} » ; identifiants connus : {known}",
    "duplicate_id": "identifiant « {found} » déjà utilisé par {first}",
    "competency_name_required": (
        "« {found} » n'est pas une compétence du référentiel RNCP 35284 : donnez-lui un `name`"
    ),
    "level_not_on_scale": "niveau {found} absent de l'échelle ; niveaux possibles : {levels}",
    "scale_duplicate": "niveau {found} défini deux fois dans l'échelle",
    "file_missing": "fichier introuvable : {path} (chemin relatif au dossier de profile.yaml)",
    "path_escapes": "le chemin {path} sort du dossier du profil",
    "featured_duplicate": "réalisation « {found} » mise en avant deux fois",
    # --- summaries
    "problem_count": "{count} erreurs. Corrigez-les puis relancez.",
    "problem_count_one": "1 erreur. Corrigez-la puis relancez.",
    "more_problems": "… et {count} autres erreurs",
    "unknown": "erreur {code} {detail}",
}

LABELS = {
    # annexe items, in the methodology's order
    "item.cv": "CV avec photo",
    "item.path": "Parcours professionnel",
    "item.training": "Formations et certifications",
    "item.languages": "Langues",
    "item.book_qr": "QR code + lien vers le Book",
    "item.linkedin_qr": "QR code + lien vers LinkedIn",
    "item.achievements": "Book : Réalisations",
    "item.summary": "LinkedIn : Résumé / Présentation",
    "item.activities": "Articles et activités",
    "item.skills_recommendations": "Compétences et recommandations",
    # check report
    "check.valid": "{file} : profil valide",
    "check.annexe": "Annexes du mémoire",
    "check.defence": "Soutenance",
    "check.notes": "Remarques",
    "check.strengths": "10 points forts ({count}/10)",
    "check.improvements": "10 axes d'amélioration avec plan d'action ({count}/10)",
    "check.self_assessment": "Auto-évaluation des compétences ({count} compétences)",
    "check.evidence": "Preuves pour chaque compétence",
    "check.dated": "Réalisations datées",
    "check.slides": "Déroulé de {duration} s ({total} s prévues)",
    "check.hint.cv": "ajoutez identity.photo et au moins une expérience ou une formation",
    "check.hint.path": "ajoutez au moins une entrée dans experience",
    "check.hint.training": "ajoutez education ou certifications",
    "check.hint.languages": "ajoutez languages",
    "check.hint.book_qr": "ajoutez links.book (adresse publique du Book)",
    "check.hint.linkedin_qr": "ajoutez links.linkedin",
    "check.hint.achievements": "ajoutez au moins une réalisation dans achievements",
    "check.hint.summary": "ajoutez summary (votre résumé LinkedIn)",
    "check.hint.activities": "ajoutez activities ou des articles dans content/articles/",
    "check.hint.skills_recommendations": "ajoutez skills et recommendations",
    "check.hint.strengths": "la soutenance attend exactement 10 points forts",
    "check.hint.improvements": "la soutenance attend exactement 10 axes d'amélioration",
    "check.hint.self_assessment": "ajoutez competencies.items (référentiel RNCP 35284 par défaut)",
    "check.hint.evidence": "sans preuve : {items}",
    "check.hint.dated": "sans date : {items}",
    "check.hint.slides": "ajustez defence.slides[].seconds pour totaliser {duration} s",
    "check.translations": "{count} textes sans traduction en « {lang} » (repli sur « {primary} ») :",
    "check.plain_texts": "{count} textes écrits une seule fois, affichés tels quels en « {lang} »",
    "check.ready": "Prêt pour les annexes et la soutenance.",
    "check.incomplete": "{count} point(s) à compléter.",
    "build.done": "{pages} pages écrites dans {output} en {seconds} s.",
    "present": "aujourd'hui",
    # init
    "init.created": "créé : {path}",
    "init.exists": "existe déjà, non modifié : {path}",
    "init.next": "Étape suivante : complétez {path}, puis lancez `profile-gen check {path}`.",
    # cli
    "cli.internal_error": "Erreur interne inattendue : {error}. Relancez avec --debug et signalez-la.",
}
