"""French wording: the kinds of YAML values and the messages (errors, summaries)."""

KINDS = {
    "null": "une valeur vide",
    "bool": "un oui ou non de YAML (yes, no, on, off, true, false : mettez le mot entre guillemets)",
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
    "yaml_syntax": (
        "syntaxe YAML invalide ici : vérifiez l'indentation, les deux-points et les guillemets "
        "(une valeur qui commence par un signe, comme > | - * & ! % @ ` [ {{, se met entre "
        "guillemets)"
    ),
    "yaml_colon": (
        "deux-points inattendu : si la valeur contient « : », mettez-la entre guillemets "
        '(titre: "Bilan : 2025")'
    ),
    "yaml_missing_colon": (
        "deux-points manquant après « {key} » : écrivez « {key}: valeur » "
        "(un espace après les deux-points)"
    ),
    "yaml_over_indent": (
        "cette clé est plus indentée que la ligne précédente : alignez-la sur les autres "
        "clés de même niveau (mêmes espaces en début de ligne)"
    ),
    "yaml_indent": (
        "indentation incohérente : alignez cette ligne sur les autres clés de même niveau "
        "(mêmes espaces en début de ligne)"
    ),
    "yaml_reserved": (
        "caractère réservé « {char} » en début de valeur : mettez la valeur entre guillemets"
    ),
    "yaml_flow_value": (
        "« {char} » en début de valeur ouvre une liste [ ] ou un dictionnaire {{ }} : mettez "
        "toute la valeur entre guillemets"
    ),
    "yaml_indent_against": (
        "indentation différente de celle de la ligne {other_line} : alignez les clés de même "
        "niveau (mêmes espaces en début de ligne)"
    ),
    "yaml_alias": (
        "une valeur qui commence par « * » est lue comme un alias YAML : mettez la valeur "
        "entre guillemets"
    ),
    "yaml_dash_value": (
        "un tiret en début de valeur ouvre une liste : mettez la valeur entre guillemets, "
        "ou écrivez la liste sous la clé, un élément par ligne"
    ),
    "yaml_block_value": (
        "« {char} » en début de valeur annonce un texte écrit sur les lignes suivantes : "
        "mettez la valeur entre guillemets, ou écrivez le texte à la ligne, plus indenté"
    ),
    "yaml_flow": "liste [..] ou dictionnaire {{..}} ouvert ici et mal fermé : vérifiez virgules et crochets, ou mettez la valeur entre guillemets si ce n'est pas une liste",
    "yaml_unclosed_quote": "guillemet ouvert ici et jamais refermé",
    "yaml_backslash": "entre guillemets doubles, « \\ » commence une séquence d'échappement : écrivez les chemins avec / (images/portrait.jpg), ou entourez le texte de guillemets simples ('…')",
    "yaml_quote_spans_lines": (
        "guillemet ouvert ici et refermé seulement ligne {end_line} : la valeur avale les "
        "lignes entre les deux ; fermez le guillemet sur cette ligne"
    ),
    "yaml_anchor": (
        "« {anchor} » en début de valeur est lu comme une ancre YAML et disparaît de la "
        "valeur : mettez la valeur entre guillemets"
    ),
    "yaml_comment_in_value": (
        "« {comment} » est lu comme un commentaire (un # après une espace) et n'apparaîtra "
        "pas : pour le garder, mettez toute la valeur entre guillemets ; pour un commentaire, "
        "mettez une espace après le #"
    ),
    "yaml_control_char": "caractère invisible {char} interdit en YAML ; supprimez-le (souvent copié depuis un PDF ou un traitement de texte)",
    "yaml_multiple_documents": "plusieurs documents YAML (`---`) : un profil tient en un seul document",
    "yaml_root_not_mapping": (
        "le profil doit être un dictionnaire de sections (identity:, experience:, …) ; "
        "trouvé : {kind}"
    ),
    "yaml_duplicate_key": "clé « {key} » en double (déjà définie ligne {first_line}) ; gardez-en une seule",
    "yaml_key_not_text": "une clé doit être un texte ; trouvé : {kind}",
    "yaml_merge_key": "les clés de fusion YAML (`<<`) ne sont pas prises en charge ; recopiez les valeurs",
    "yaml_decimal_comma": '« {found} » a été lu comme deux éléments : entre [ ], la virgule sépare les éléments, une virgule décimale aussi ; mettez cet élément entre guillemets ("{found}") ou écrivez la liste avec des tirets',
    "yaml_number_too_long": "nombre de milliers de chiffres, illisible ; écrivez la valeur attendue (un texte entre guillemets, une année…)",
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
    "finite_number": "attendu : un nombre (ni .nan ni .inf) ; trouvé : {found}",
    "float_type": "attendu : un nombre ; trouvé : {found}",
    "float_parsing": "attendu : un nombre ; trouvé : {found}",
    "greater_than_equal": "attendu : un nombre d'au moins {ge} ; trouvé : {found}",
    "less_than_equal": "attendu : un nombre d'au plus {le} ; trouvé : {found}",
    "list_type": "attendu : une liste (lignes commençant par « - ») ; trouvé : {found}",
    "model_type": "attendu : un dictionnaire (clé: valeur) ; trouvé : {found}",
    "model_type_keys": "attendu : un dictionnaire avec les clés {keys}, une par ligne (« clé: valeur ») ; trouvé : {found}",
    "model_attributes_type": "attendu : un dictionnaire (clé: valeur) ; trouvé : {found}",
    "dict_type": "attendu : un dictionnaire (clé: valeur) ; trouvé : {found}",
    "enum": "valeur inconnue {found} ; valeurs possibles : {expected}",
    "yaml_boolean_choice": 'YAML lit ce mot comme oui ou non (yes, no, on, off, true, false) : écrivez-le entre guillemets, ex. "no" ; valeurs possibles : {expected}',
    "literal_error": "valeur inconnue {found} ; valeurs possibles : {expected}",
    "too_short": "attendu : au moins {min_length} éléments ; trouvé : {actual_length}",
    "too_long": "attendu : au plus {max_length} éléments ; trouvé : {actual_length}",
    "pg_text_type": "attendu : un texte, ou un texte par langue ({{fr: …, en: …}}) ; trouvé : {found}",
    "pg_text_empty": "le texte est vide",
    "pg_text_language": "langue inconnue « {found} » ; langues possibles : {expected}",
    "pg_date": "attendu : une date AAAA, AAAA-MM ou AAAA-MM-JJ ; trouvé : {found}",
    "pg_end_date": (
        "attendu : une date AAAA, AAAA-MM ou AAAA-MM-JJ, ou `present` ; trouvé : {found}"
    ),
    "pg_date_french": "date écrite « {found} » : écrivez-la {suggested} (année-mois-jour, AAAA-MM-JJ, ou AAAA-MM)",
    "pg_date_month": "mois invalide dans {found} (attendu 01 à 12)",
    "pg_date_day": "jour invalide dans {found}",
    "pg_date_year": "année invalide dans {found} (attendu 1900 à 2100)",
    "pg_url": "attendu : une adresse http:// ou https:// ; trouvé : {found}",
    "pg_url_host": "adresse sans nom de domaine valide : {found}",
    "pg_email": "attendu : une adresse e-mail (nom@domaine.fr) ; trouvé : {found}",
    "pg_color": "attendu : une couleur #rrggbb (ex. « #1f4e8c ») ; trouvé : {found}",
    "pg_color_contrast": "couleur {found} trop claire : contraste {ratio}:1 sur le fond clair, il faut au moins {minimum}:1 pour lire les liens et le texte blanc des boutons ; choisissez une teinte plus foncée",
    "yaml_unquoted_color": '« {found} » est lu comme un commentaire (en YAML, « # » en commence un) : écrivez la couleur entre guillemets, ex. color: "{found}"',
    "pg_phone_unquoted": 'numéro de téléphone sans guillemets, que YAML lit comme le nombre {found} (un 0 en tête en fait un nombre octal, un + disparaît) ; écrivez-le entre guillemets, ex. phone: "+33 6 12 34 56 78"',
    "pg_phone": "attendu : un numéro de téléphone (ex. « +33 6 12 34 56 78 ») ; trouvé : {found}",
    "pg_linkedin": "attendu : une adresse de profil LinkedIn (https://www.linkedin.com/in/…), sur linkedin.com et non sur {host} ; trouvé : {found}",
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
    "path_backslash": "{path} : écrivez le chemin avec des barres obliques (/) : {fixed} (un \\ ne marche que sous Windows, et le Book est construit en ligne sous Linux)",
    "file_missing_near": "fichier introuvable : {path} ; le dossier contient « {near} », presque le même nom (accents codés autrement, majuscules ou une lettre) : écrivez ici le nom exact du fichier, ou renommez-le en retapant son nom",
    "path_escapes": "le chemin {path} sort du dossier du profil",
    "image_format": "{path} : format {format} non pris en charge ; enregistrez la photo en JPEG, PNG, WebP ou HEIC (iPhone)",
    "image_too_long": "{path} : image de {width} × {height} pixels, un côté de plus de {limit} pixels ; recadrez-la ou réduisez-la (une page ne montre pas une bande aussi longue)",
    "image_too_large": "{path} : image de {size} millions de pixels, la limite est {limit} millions ; réduisez-la sous cette taille, par exemple à 4000 × 3000 pixels, qui suffisent largement (les photos de 108 ou 200 mégapixels de certains téléphones : choisissez 12 Mpx dans leur appareil photo), ou exportez-la plus petite depuis votre galerie",
    "image_not_image": "{path} n'est pas une image lisible (JPEG, PNG, WebP ou HEIC attendu) ; ouvrez-la et réenregistrez-la dans l'un de ces formats",
    "image_broken": "{path} : image illisible ou tronquée ({detail}) ; exportez-la à nouveau",
    "unknown_quote": "pas de recommandation n°{found} : le profil en a {count}",
    "featured_duplicate": "réalisation « {found} » mise en avant deux fois",
    "import_missing": "introuvable : {path}",
    "import_not_zip": "{path} n'est pas une archive zip lisible : donnez l'archive de LinkedIn (Basic_LinkedInDataExport_….zip) ou son dossier décompressé",
    "import_unsafe_member": "archive refusée : le fichier « {member} » sortirait du dossier d'extraction",
    "import_member_too_large": "archive refusée : « {member} » dépasse {limit} Mo, trop gros pour un CSV de profil",
    "import_too_many_members": "archive refusée : plus de {limit} fichiers, ce n'est pas un export LinkedIn ({path})",
    "import_no_expected_files": "{path} ne contient aucun des fichiers attendus d'un export LinkedIn (Profile.csv, Positions.csv, …)",
    "import_exists": "{path} existe déjà : choisissez un autre fichier avec -o, ou ajoutez --force pour le remplacer",
    "import_invalid_json": "{path} n'est pas un JSON Resume lisible : {detail}",
    "import_invalid_result": "le profil importé ne serait pas valide (erreur de profile-gen, merci de la signaler) :\n{detail}",
    "build_no_settings": "fichier de réglages introuvable : {path} (lancez la commande depuis le dossier du projet, ou donnez --settings)",
    "build_no_content": "dossier du profil introuvable : {path} (réglage PATH, ou --content)",
    "serve_port_in_use": "le port {port} est déjà utilisé (un autre « profile-gen serve » ?) : fermez-le ou choisissez un autre port, ex. --port {suggestion}",
    "serve_port": "impossible d'écouter sur le port {port} : {detail} ; choisissez un autre port avec --port",
    "os_error": "{path} : {reason} ; vérifiez le chemin et les droits",
    "os_error_unnamed": "{reason} (un fichier du dossier {path}, ou du dossier de sortie) ; vérifiez la place libre et les droits",
    "build_skipped_articles": "articles illisibles : {files} (dans le dossier du profil) ; chaque article commence par ses métadonnées, au moins « Title: … » et « Date: AAAA-MM-JJ » ; un brouillon peut porter « Status: draft »",
    "build_same_address": "{files} ont la même adresse ({address}) : donnez à l'une un autre « Slug: » (ou, pour une traduction, une autre « Lang: »)",
    "article_image_no_source": "{article} : l'image « {src} » a une adresse qu'un Book ne montre pas (file:, data:...) ; enregistrez-la dans le dossier images/ du profil et écrivez ![description](../images/nom.png)",
    "article_image_outside": "{article} : l'image {src} viendrait d'un autre serveur à chaque visite ; enregistrez-la dans le dossier images/ du profil et écrivez ![description](../images/nom.png)",
    "article_image_missing": "{article} : image introuvable : {src} (chemin relatif à l'article ou au dossier du profil, ex. ../images/nom.png)",
    "article_image_bad": "{article} : {detail}",
    "build_no_plugin": "{path} : le plugin {plugin} n'est pas actif (réglage PLUGINS) ; le Book ne peut pas être construit",
    "build_citation_style": "réglage CITATION_STYLE = {found} : attendu {expected}",
    "build_citation_accessed": "réglage CITATION_ACCESSED = {found} : attendu une date AAAA-MM-JJ (le jour où vous avez vérifié les liens de vos références)",
    "cohort_no_folder": "dossier introuvable : {path}",
    "cohort_empty": "{path} ne contient aucun sous-dossier avec un profile.yaml",
    "publish_no_build": "aucun Book construit dans {path} : lancez d'abord profile-gen build",
    "publish_overlap": "{path} et le dossier de construction {output} se chevauchent : publiez dans un dossier à part (ex. le dépôt GitHub Pages)",
    "publish_not_empty": "{path} n'est pas vide : ajoutez --force pour y écrire quand même",
    "output_holds_sources": "{path} contient vos fichiers ({source}) : la construction remplace tout son dossier de sortie ; choisissez-en un à part (ex. -o output)",
    "output_not_a_book": "{path} n'est pas un dossier de sortie de profile-gen (il n'a pas d'index.html, ou il contient un dépôt git ou un profile.yaml) : la construction remplace tout son dossier de sortie ; choisissez un dossier vide ou nouveau",
    "output_in_a_book": "{path} est dans le dossier d'un Book ({book}) : publier celui-ci emporterait celui-là, annexes comprises ; choisissez un dossier hors de {book}",
    "output_not_a_cohort": "{path} n'est pas un dossier de sortie de promotion (il contient autre chose que des Books, leur index et leur CSV : un site, un dépôt git, un profil) : la promotion y remplacerait ses fichiers ; choisissez un dossier vide ou nouveau",
    # --- summaries
    "problem_count": "{count} erreurs à corriger.",
    "problem_count_one": "1 erreur à corriger.",
    "more_problems": "… et {count} autres erreurs",
    "unknown": "erreur {code} {detail}",
    # --- install
    "project_no_profile": "aucun profil dans {folder} : profile.yaml introuvable. Placez-vous dans le dossier de votre profil (ou donnez --content DOSSIER), ou créez-en un avec `profile-gen init`",
    "private_outside_contact": "private.yaml ne contient que vos coordonnées privées, sous identity: contact: (phone, address, …) : « {key} » a sa place dans profile.yaml",
    "private_value_hidden": "problème dans ce fichier, non recopié ici (private.yaml reste privé) : l'étudiant le voit avec profile-gen check",
    "private_duplicate": "« {key} » est déjà dans profile.yaml (ligne {first_line}) : gardez-le dans un seul des deux fichiers, private.yaml s'il ne doit pas être publié",
    # --- pdfa
    "import_pdf_no_profile": "{path} ne contient pas de profil joint : seules les annexes PDF écrites par profile-gen build (annexe.pdf) en portent un",
    "import_pdf_unreadable": "{path} n'est pas un PDF lisible : {detail}",
    # --- code
    "too_short_one": "attendu : au moins {min_length} élément ; trouvé : {actual_length}",
    "too_long_one": "attendu : au plus {max_length} élément ; trouvé : {actual_length}",
    "build_skipped_articles_one": "article illisible : {files} (dans le dossier du profil) ; chaque article commence par ses métadonnées, au moins « Title: … » et « Date: AAAA-MM-JJ » ; un brouillon peut porter « Status: draft »",
    "pg_text_comma": '« {found} » n\'est pas une langue : entre {{ }}, une virgule sépare deux langues ; mettez un texte qui contient une virgule entre guillemets, ex. {{ fr: "Analyse (KYC, LCB-FT)", en: "…" }}',
    "article_no_title": "{file} : l'article n'a pas de titre ; ajoutez en tête une ligne « Title: … »",
    "article_no_date": "{file} : l'article n'a pas de date ; ajoutez en tête une ligne « Date: AAAA-MM-JJ » (ex. Date: 2025-09-12)",
    "article_bad_date": "{file}:{line} : date illisible « {found} » ; écrivez-la AAAA-MM-JJ (ex. Date: 2025-09-12)",
    "article_encoding": "{file}:{line} : octet {byte} invalide en UTF-8 ; enregistrez l'article en UTF-8 (dans votre éditeur : « Enregistrer avec l'encodage » → UTF-8)",
    "article_url": "{file} : « Url: {found} » : l'adresse d'un article vient de son titre (ou de sa ligne Slug:), et les listes du Book, l'annexe et le fichier Word y mènent ; retirez cette ligne",
    "article_outside": "{file}:{line} : « {key}: {value} » écrirait la page hors du dossier du Book ; retirez cette ligne (l'adresse de l'article vient de son titre)",
    "article_lang": "{file} : « Lang: {found} » n'est pas une langue du Book ({languages}) ; écrivez l'une d'elles, ou retirez la ligne",
    "article_save_as_place": "{file} : l'article serait écrit à la place de « {found} », une page du Book ; retirez sa ligne « Save_as: » (l'adresse de l'article vient de son titre)",
    "article_slug_place": "{file} : l'article serait écrit à la place de « {found} », une page du Book ; retirez sa ligne « Slug: » (l'adresse de l'article vient de son titre)",
    "folder_dir_hidden": "{file} : lien vers le dossier du profil lui-même ou dans un dossier caché (.git, .cache…), refusé ; mettez les modèles dans un dossier à eux",
    "folder_dir_outside": "{file} : lien vers un dossier hors du dossier du profil, refusé ; copiez le dossier lui-même dans le dossier du profil",
    "folder_outside": "{file} : lien vers un fichier hors du dossier du profil, refusé ; copiez le fichier lui-même dans le dossier",
    "folder_not_regular": "{file} n'est pas un fichier ordinaire (tube nommé, périphérique ou socket) : il ne sera pas ouvert ; supprimez-le du dossier",
    "folder_too_large": "{file} pèse {size} ko, plus que les {limit} ko permis ; découpez-le ou allégez-le",
    "folder_link_loop": "{file} : lien symbolique en boucle (il mène à lui-même ou à un dossier qui le contient) ; supprimez-le",
    "folder_unreadable": "{file} : lecture impossible ({detail})",
    "folder_private": "{file} reste privé : un article ne peut pas joindre le profil, le fichier privé, les réglages ni un fichier caché",
    "folder_active": "{file} : une page web, un SVG, un document XML ou un script joint s'exécuterait dans le Book ; joignez plutôt un PDF, une image PNG ou JPEG, ou le fichier dans une archive .zip",
    "article_attachment_refused": "{article} : fichier joint refusé ({{static}} ou {{attach}}) : {detail}",
    "template_unsafe": "{file}, ligne {line} : le gabarit tente un accès interdit ({detail}) ; un gabarit affiche des données, il n'exécute rien",
    "article_too_deep": "{file} : l'article imbrique trop de niveaux pour être lu (des centaines de renvois en chaîne, ou de listes ou de citations les unes dans les autres) : simplifiez-le",
    "article_too_slow": "{file} : la lecture de l'article a pris plus de {seconds} s et a été arrêtée ; un texte de cette forme (des milliers de « [ » ou de « <http » sans fin) ferait attendre le convertisseur Markdown des minutes (ou le lecteur reStructuredText, sur ses propres formes) : corrigez-le",
    "build_active_page": "{file} : la page écrit {found}, qu'un navigateur exécuterait ou irait chercher sur un autre serveur ; un gabarit de templates/ met en page, il n'ajoute ni script, ni cadre, ni ressource venue d'ailleurs",
    "build_private_in_text": "{file} : la page montre identity.contact.{item}, que votre profil garde hors du web (visibilité annexe ou private) : le texte {field} de votre profil l'écrit ; retirez-le de ce texte, ou changez sa visibilité",
    "build_private_on_web": "{file} : la page montre identity.contact.{item}, que votre profil garde hors du web (visibilité annexe ou private) ; retirez-le du gabarit ou de l'article qui l'écrit (templates/, articles/), ou changez sa visibilité",
    "article_template_unknown": "{file} : Template: {name} ne nomme aucun gabarit de votre dossier ; écrivez le nom d'un fichier de templates/ sans .html (templates/{name}.html), ou retirez la ligne pour la mise en page d'un article",
    "article_rst_refused": "{file} : docutils refuse l'article : {detail} ; un article publie son propre texte : les directives include et raw sont désactivées",
    "template_broken": "{file}, ligne {line} : le gabarit ne peut pas être affiché ({detail}) ; corrigez-le ou retirez-le du dossier templates/",
    "template_too_slow": "{file}, ligne {line} : le gabarit a pris plus de {seconds} s de calcul (une boucle trop longue ?) ; corrigez-le ou retirez-le du dossier templates/",
    # --- online
    "publish_where": "dites où publier : un dossier (profile-gen publish DOSSIER) ou une branche git (profile-gen publish --git DÉPÔT), l'un ou l'autre",
    "publish_no_git": "git est introuvable : installez-le (https://git-scm.com) pour publier avec --git, ou publiez dans un dossier avec profile-gen publish DOSSIER",
    "publish_not_a_repo": "{path} n'est pas dans un dépôt git : lancez la commande depuis le dépôt de votre Book (ou créez-le : git init, puis git remote add origin ADRESSE)",
    "publish_current_branch": "la branche {branch} est celle sur laquelle vous travaillez : publier y remplacerait vos fichiers par le Book ; choisissez une autre branche avec --branch (ex. gh-pages)",
    "publish_unreachable": "le dépôt {remote} ne répond pas ({detail}) : vérifiez son nom ou son adresse (git remote -v), votre connexion et vos droits d'accès",
    "publish_git_failed": "git n'a pas pu préparer la branche du Book : {detail}",
    "publish_push_failed": "l'envoi de la branche {branch} vers {remote} a échoué (le message de git est au-dessus) : vérifiez vos droits d'accès ; si la branche a été modifiée ailleurs, récupérez-la d'abord (git fetch {remote} {branch}:{branch})",
    "photo_missing": "{path} : fichier introuvable",
    "photo_unreadable": "{path} : image illisible ({detail})",
    "photo_not_an_image": "{path} : ce n'est pas une image que profile-gen sait lire (JPEG, PNG, WebP, HEIC)",
    "photo_format": "{path} : format {detail} non pris en charge (JPEG, PNG, WebP ou HEIC)",
    "photo_needs_reencode": "{path} : une image {detail} ne se nettoie pas sans ré-encoder ses pixels ; relancez avec --reencode (légère perte de qualité) ou enregistrez-la en JPEG",
    # --- untrusted input: links, characters, private file
    "pg_url_char": "caractère {char} interdit dans une adresse web : un navigateur la lirait autrement qu'elle s'affiche ; trouvé : {found}",
    "pg_url_userinfo": "une adresse web ne peut pas porter « nom@ » avant son domaine : un navigateur irait sur {host} ; trouvé : {found}",
    "pg_url_mixed_script": "le domaine {host} mêle des alphabets (une lettre d'un autre alphabet qui imite une lettre latine ?) : un navigateur irait sur {ascii} ; trouvé : {found}",
    "text_invalid_char": "caractère invalide {char} (une moitié de paire UTF-16, sans doute écrite « \\u… » entre guillemets) : supprimez-le ou écrivez le caractère lui-même",
    "text_control_char": "caractère de contrôle invisible {char} (écrit \\e, \\a, \\x1b… entre guillemets, ou collé) : il casserait les fichiers Word, PowerPoint et PDF et peut commander un terminal ; supprimez-le",
    "private_not_a_file": "{path} n'est pas un fichier : private.yaml (vos coordonnées privées) doit en être un ; renommez ou supprimez ce dossier",
    "profile_not_a_file": "{path} n'est pas un fichier (un dossier, un tube ou un périphérique) : le profil doit en être un ; renommez-le ou supprimez-le",
    "article_invalid_char": "{file} : caractère invalide {char} (une moitié de paire UTF-16, qu'aucune page ne peut contenir) : supprimez-le ou écrivez le caractère lui-même",
    # --- robust
    "pdf_too_deep": "{page} : la page imprimée imbrique trop de niveaux pour être mise en page (des centaines de marques les unes dans les autres dans un texte) ; le PDF n'est pas écrit : simplifiez ce texte",
    "pdf_resource_refused": "{page} : la page imprimée demande « {url} », qui n'est pas un fichier du Book construit (autre serveur, fichier hors du dossier, image data: de plus de 5 Mo, ou fichier absent) ; le PDF n'est pas écrit. Enregistrez l'image dans le dossier du profil et citez-la par un chemin relatif",
    "build_locked": "{path} : une autre construction écrit déjà dans ce dossier (profile-gen build ou serve) ; attendez qu'elle se termine, ou construisez ailleurs avec -o DOSSIER",
    "cohort_member_unreadable": "{path} : dossier illisible ({reason}) ; vérifiez ses droits, et qu'il ne s'agit pas d'un lien symbolique qui tourne en rond ou ne mène nulle part",
    "cohort_member_link": "{path} : lien symbolique, refusé (un dossier hors de la promotion, ou celui d'un autre étudiant sous un second nom) ; copiez le dossier de l'étudiant lui-même dans la promotion",
    "cohort_member_crashed": "{path} : la construction de ce Book s'est arrêtée net ({detail}) ; relancez-la seule avec profile-gen build --content {path} pour voir l'erreur",
    "cohort_member_too_long": "{path} : ce Book a pris plus de {minutes} min à construire et a été arrêté (un profil très volumineux ou des articles faits pour être lents ?) ; relancez-le seul avec profile-gen build --content {path}, ou donnez plus de temps avec --time-limit",
    "cohort_member_internal": "{path} : erreur inattendue de profile-gen pendant la construction de ce Book ({detail}) ; merci de la signaler",
    # --- the tool carried by the repository
    "install_invalid": "--install et --index-url attendent un texte d'une ligne, trouvé {value}",
    "install_index_alone": '--index-url dit d\'où installer la version de --install SPEC : donnez aussi --install (ex. --install "profile-gen=={{version}}")',
    "upgrade_not_a_repository": "{path} n'est pas le dépôt d'un profil (ni profile.yaml, ni .profile-gen/, ni fichier de CI) : lancez `profile-gen upgrade` dans le dossier créé par `profile-gen init`",
    "wheel_not_installed": "profile_gen n'est pas installé comme un paquet (ses métadonnées sont introuvables) : installez-le avec pip ou pipx, ou choisissez une version publiée avec --install SPEC",
    "wheel_altered": "le fichier installé {file} ne correspond plus à son empreinte (RECORD) : l'installation de profile_gen a été modifiée ; réinstallez-le (pip install --force-reinstall) ou choisissez une version publiée avec --install SPEC",
    "wheel_no_source": "profile_gen est installé en mode modifiable (pip install -e) et ses sources ({path}) ne sont pas lisibles ou d'une autre version : installez-le normalement, ou choisissez une version publiée avec --install SPEC",
    "wheel_incomplete": "l'installation de profile_gen est incomplète (métadonnées ou paquet manquants) : réinstallez-le, ou choisissez une version publiée avec --install SPEC",
    "import_csv_field_too_large": "{path}, ligne {line} : un champ dépasse {limit} Ko, bien plus qu'un texte de profil ; vérifiez que c'est bien un fichier de l'export LinkedIn, ou raccourcissez ce champ",
    "import_json_too_deep": "{path} n'est pas un JSON Resume lisible : plus de {limit} niveaux d'imbrication",
    "import_too_large": "{path} est trop grand pour un profil : {detail} ; un profil tient en quelques centaines de Ko, vérifiez que c'est bien votre export",
    "import_edited": "{path} contient déjà un profil (modifié, ou importé plus tôt) : l'import le remplacerait. Gardez-en une copie, puis relancez avec --force (ou écrivez ailleurs avec -o)",
    "import_private_edited": "{path} contient déjà {keys}, autrement que l'import : relancez avec --force pour fusionner (les valeurs importées remplacent les vôtres, qui restent en commentaire à la fin du fichier)",
    "import_nested_zip": "{path} contient une autre archive, « {member} », et aucun fichier d'un export LinkedIn : décompressez {path}, puis importez l'archive qu'il contient",
    "more_problems_one": "… et {count} autre erreur",
    "cohort_shard_invalid": "--shard attend K/N, deux nombres entiers avec 1 ≤ K ≤ N (ex. --shard 2/4), trouvé « {value} »",
    "cohort_option_alone": "{option} ne s'utilise qu'avec --cohort DOSSIER",
    "cohort_merge_none": "{path} : aucun fichier cohort-shard-K-of-N.json ; construisez d'abord les parts (build --cohort DOSSIER --shard K/N) et réunissez leurs sorties dans ce dossier",
    "cohort_merge_invalid": "{path} : fichier de part illisible ({detail}) ; reconstruisez cette part",
    "cohort_merge_missing": "{path} : construit par aucune part ; la sortie d'une part s'est-elle perdue ? Relancez-la (build --cohort --shard K/N)",
    "cohort_merge_mixed": "{path} : fichiers de parts de plusieurs découpages ({files}) ; videz le dossier et relancez les parts d'un même --shard K/N",
    "cohort_merge_no_book": "{path} : construit par la part {shard}, mais son Book manque dans le dossier de sortie ; réunissez toute la sortie de cette part",
    # --- designs
    "design_unknown": "design inconnu « {name} » ; designs possibles : {known} (profile-gen designs les décrit ; le vôtre : un dossier designs/{name}/ à côté du profil, avec son tokens.toml)",
    "design_unknown_near": "design inconnu « {name} » : vouliez-vous dire « {near} » ? (profile-gen designs les liste)",
    "design_extends_unknown": "{file} : « {name} » n'est pas un design connu ; designs possibles : {known}",
    "design_extends_missing": '{file} : dites de quel design part le vôtre, en première ligne : extends = "moderne" (designs intégrés : {known})',
    "design_extends_loop": "{file} : le design « {name} » s'étend lui-même (extends en boucle, ou plus de six designs empilés)",
    "design_toml_deep": '{file} : des tableaux ou des tables imbriqués trop profondément pour être lus ; un design ne donne que des tables de valeurs simples ([color] accent = "#7a2e5c")',
    "design_toml_invalid": "{file} : TOML illisible ({detail})",
    "design_token_color": '{file}, ligne {line} : {token} vaut {value}, refusé ; attendu une couleur en six chiffres hexadécimaux, par exemple "#1f4e8c"',
    "design_token_font": '{file}, ligne {line} : {token} vaut {value}, refusé ; attendu une liste de noms de polices (lettres, chiffres, espaces, points, tirets), par exemple ["Inter", "Arial", "sans-serif"]',
    "design_token_size": '{file}, ligne {line} : {token} vaut {value}, refusé ; attendu une taille CSS, par exemple "1.1rem", "12px" ou "clamp(1rem, 2vw, 2rem)"',
    "design_token_unknown": "{file}, ligne {line} : jeton de design inconnu « {token} » ; jetons possibles : {known}",
    "design_css_refused": "{file}, ligne {line} : « {found} » refusé : la feuille de style d'un design ne charge rien (ni url(), ni @import) et ne contient ni < ni \\ ; les polices se déclarent dans tokens.toml ([[fonts]])",
    "design_block_unknown": "{file}, ligne {line} : le bloc « {block} » n'existe pas dans {parent} ; blocs possibles : {known}",
    "design_font_invalid": '{file} : police mal décrite ({detail}) ; attendu : [[fonts]] family = "…", file = "nom-du-fichier-sans-extension", weight = 400 ou 700, style = "normal" ou "italic"',
    "design_font_missing": "{file} : police introuvable : ni fonts/{stem}.woff2 ni fonts/{stem}.ttf",
    "design_font_unreadable": "{file} : fichier de police illisible ({detail})",
    "design_font_lacks": "{file} : la police « {family} » ne sait pas dessiner {chars} (dans {fields}) ; choisissez une police qui les contient, ou gardez la police du design de départ",
    "design_shadows_built_in": 'le dossier designs/{name}/ porte le nom d\'un design intégré : « design: {name} » choisit toujours le design intégré, ce dossier ne serait jamais lu ; renommez-le, par exemple designs/mon-{name}/ (avec extends = "{name}" dans son tokens.toml et design: mon-{name} dans le profil)',
}
