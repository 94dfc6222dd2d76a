"""English wording: the kinds of YAML values and the messages (errors, summaries)."""

KINDS = {
    "null": "an empty value",
    "bool": "a boolean (yes/no)",
    "number": "a number",
    "text": "text",
    "list": "a list",
    "mapping": "a mapping (key: value)",
}

MESSAGES = {
    # --- reading the file
    "file_not_found": "file not found: {path}",
    "file_unreadable": "cannot read the file: {detail}",
    "yaml_encoding": (
        "byte {byte} is not valid UTF-8; save the file as UTF-8 "
        "(in your editor: 'Save with encoding' → UTF-8)"
    ),
    "yaml_empty": "the file is empty; `profile-gen init` creates a profile to fill in",
    "yaml_too_large": "file too large ({size} bytes, at most {limit})",
    "yaml_too_deep": "nested too deeply (more than {limit} levels)",
    "yaml_too_many_nodes": "document too large (more than {limit} values, aliases included)",
    "yaml_tab": (
        "tab character found: YAML indents with spaces only; replace the tabs with spaces"
    ),
    "yaml_syntax": "invalid YAML syntax: {detail}; check indentation, colons and quotes",
    "yaml_colon": (
        "unexpected colon: when a value contains ': ', put it in quotes (title: \"Review: 2025\")"
    ),
    "yaml_indent": (
        "inconsistent indentation: align this line with the other keys of the same level "
        "(same spaces at the start of the line)"
    ),
    "yaml_reserved": "reserved character at the start of a value ({detail}): put the value in quotes",
    "yaml_alias": "YAML alias (*name) without a matching anchor (&name)",
    "yaml_flow": "list [..] or mapping {{..}} not closed properly: check commas and brackets",
    "yaml_unclosed_quote": "quote opened here and never closed",
    "yaml_control_char": "invisible character {char} is not allowed in YAML; delete it (often pasted from a PDF or a word processor)",
    "yaml_multiple_documents": "several YAML documents (`---`): a profile is a single document",
    "yaml_root_not_mapping": (
        "the profile must be a mapping of sections (identity:, experience:, ...); found: {kind}"
    ),
    "yaml_duplicate_key": "duplicate key '{key}' (already set on line {first_line}); keep only one",
    "yaml_key_not_text": "a key must be text; found: {kind}",
    "yaml_merge_key": "YAML merge keys (`<<`) are not supported; copy the values instead",
    "yaml_tag": "YAML tag '{tag}' is not supported; remove it",
    # --- validating values
    "missing": "required field '{field}' is missing",
    "unknown_key": "unknown key '{key}'; did you mean '{suggestion}'?",
    "unknown_key_no_hint": "unknown key '{key}'; allowed keys: {allowed}",
    "string_type": "expected text; found: {found}",
    "string_too_short": "expected non-empty text; found: {found}",
    "string_too_long": "text too long (at most {max_length} characters)",
    "string_pattern_mismatch": (
        "invalid id: expected lower-case letters, digits and dashes (e.g. `erp-migration`); "
        "found: {found}"
    ),
    "int_type": "expected a whole number; found: {found}",
    "int_parsing": "expected a whole number; found: {found}",
    "int_from_float": "expected a whole number; found: {found}",
    "bool_type": "expected true or false; found: {found}",
    "bool_parsing": "expected true or false; found: {found}",
    "greater_than_equal": "expected a number of at least {ge}; found: {found}",
    "less_than_equal": "expected a number of at most {le}; found: {found}",
    "list_type": "expected a list (lines starting with '- '); found: {found}",
    "model_type": "expected a mapping (key: value); found: {found}",
    "model_attributes_type": "expected a mapping (key: value); found: {found}",
    "dict_type": "expected a mapping (key: value); found: {found}",
    "enum": "unknown value {found}; allowed values: {expected}",
    "literal_error": "unknown value {found}; allowed values: {expected}",
    "too_short": "expected at least {min_length} items; found: {actual_length}",
    "too_long": "expected at most {max_length} items; found: {actual_length}",
    "pg_text_type": "expected text, or one text per language ({{fr: ..., en: ...}}); found: {found}",
    "pg_text_empty": "the text is empty",
    "pg_text_language": "unknown language '{found}'; allowed languages: {expected}",
    "pg_date": "expected a date YYYY, YYYY-MM or YYYY-MM-DD; found: {found}",
    "pg_end_date": "expected a date YYYY, YYYY-MM or YYYY-MM-DD, or `present`; found: {found}",
    "pg_date_month": "invalid month in {found} (expected 01 to 12)",
    "pg_date_day": "invalid day in {found}",
    "pg_date_year": "invalid year in {found} (expected 1900 to 2100)",
    "pg_url": "expected an http:// or https:// address; found: {found}",
    "pg_url_host": "address without a valid host name: {found}",
    "pg_email": "expected an e-mail address (name@domain.com); found: {found}",
    "pg_color": "expected a colour #rrggbb (e.g. '#1f4e8c'); found: {found}",
    "pg_color_contrast": "colour {found} is too light: contrast {ratio}:1 on the light background, at least {minimum}:1 is needed to read links and the white text of buttons; choose a darker shade",
    "yaml_unquoted_color": "'{found}' is read as a comment (in YAML, '#' starts one): write the colour in quotes, e.g. color: \"{found}\"",
    "pg_phone": "expected a phone number (e.g. '+33 6 12 34 56 78'); found: {found}",
    "pg_linkedin": "expected a LinkedIn profile address (https://www.linkedin.com/in/...); found: {found}",
    "pg_locale_repeat": "a language is repeated in `locale`",
    # --- consistency
    "end_before_start": "the end ({end}) is before the start ({start})",
    "unknown_achievement": "no achievement has the id '{found}'; known ids: {known}",
    "unknown_competency": "no competency has the id '{found}'; known ids: {known}",
    "duplicate_id": "id '{found}' is already used by {first}",
    "competency_name_required": (
        "'{found}' is not a competency of the RNCP 35284 framework: give it a `name`"
    ),
    "level_not_on_scale": "level {found} is not on the scale; levels: {levels}",
    "scale_duplicate": "level {found} is defined twice on the scale",
    "file_missing": "file not found: {path} (paths are relative to the folder of profile.yaml)",
    "path_escapes": "the path {path} leaves the profile's folder",
    "image_format": "{path}: format {format} is not supported; save the photo as JPEG, PNG, WebP or HEIC (iPhone)",
    "image_too_large": "{path}: the image has {size} million pixels, the limit is {limit} million; reduce it below that (4000 × 3000 pixels is plenty: the tool then resizes it itself)",
    "image_not_image": "{path} is not a readable image (JPEG, PNG, WebP or HEIC expected); open it and save it again in one of these formats",
    "image_broken": "{path}: unreadable or truncated image ({detail}); export it again",
    "unknown_quote": "no recommendation number {found}: the profile has {count}",
    "featured_duplicate": "achievement '{found}' is featured twice",
    "import_missing": "not found: {path}",
    "import_not_zip": "{path} is not a readable zip archive: give LinkedIn's archive (Basic_LinkedInDataExport_….zip) or its unpacked folder",
    "import_unsafe_member": "archive refused: the file '{member}' would land outside the extraction folder",
    "import_member_too_large": "archive refused: '{member}' is over {limit} MB, too large for a profile CSV",
    "import_too_many_members": "archive refused: over {limit} files, this is not a LinkedIn export ({path})",
    "import_no_expected_files": "{path} holds none of the files of a LinkedIn export (Profile.csv, Positions.csv, ...)",
    "import_exists": "{path} already exists: choose another file with -o, or add --force to replace it",
    "import_invalid_json": "{path} is not a readable JSON Resume: {detail}",
    "import_invalid_result": "the imported profile would not be valid (a profile-gen bug, please report it):\n{detail}",
    "build_no_settings": "settings file not found: {path} (run the command from the project folder, or give --settings)",
    "build_no_content": "profile folder not found: {path} (PATH setting, or --content)",
    "serve_port_in_use": "port {port} is already in use (another `profile-gen serve`?): stop it or choose another port, e.g. --port {suggestion}",
    "serve_port": "cannot listen on port {port}: {detail}; choose another port with --port",
    "os_error": "{path}: {reason}; check the path and the permissions",
    "build_skipped_articles": "unreadable articles: {files} (in the profile's folder); each article starts with its metadata, at least 'Title: …' and 'Date: YYYY-MM-DD'; a draft may say 'Status: draft'",
    "build_same_address": "{files} have the same address ({address}): give one another 'Slug:' (or, for a translation, another 'Lang:')",
    "article_image_outside": "{article}: the picture {src} would come from another server at every visit; save it in the profile's images/ folder and write ![description](../images/name.png)",
    "article_image_missing": "{article}: picture not found: {src} (a path relative to the article or to the profile's folder, e.g. ../images/name.png)",
    "article_image_bad": "{article}: {detail}",
    "build_no_plugin": "{path}: the plugin {plugin} is not active (PLUGINS setting); the Book cannot be built",
    "build_citation_style": "setting CITATION_STYLE = {found}: expected {expected}",
    "build_citation_accessed": "setting CITATION_ACCESSED = {found}: expected a date YYYY-MM-DD (the day you checked the links of your references)",
    "cohort_no_folder": "folder not found: {path}",
    "cohort_empty": "{path} holds no sub-folder with a profile.yaml",
    "publish_no_build": "no Book built in {path}: run profile-gen build first",
    "publish_overlap": "{path} and the build folder {output} overlap: publish to a folder of its own (e.g. the GitHub Pages repository)",
    "publish_not_empty": "{path} is not empty: add --force to write into it anyway",
    # --- summaries
    "problem_count": "{count} errors. Fix them and run again.",
    "problem_count_one": "1 error. Fix it and run again.",
    "more_problems": "... and {count} more errors",
    "unknown": "error {code} {detail}",
    # --- install
    "project_no_profile": "no profile in {folder}: profile.yaml not found. Go to the folder of your profile (or give --content FOLDER), or start one with `profile-gen init`",
    "private_outside_contact": "private.yaml holds your private contact details only, under identity: contact: (phone, address, …): `{key}` belongs in profile.yaml",
    "private_duplicate": "`{key}` is already in profile.yaml (line {first_line}): keep it in one file only, private.yaml if it must not be published",
    # --- pdfa
    "import_pdf_no_profile": "{path} carries no attached profile: only the annexe PDFs written by profile-gen build (annexe.pdf) do",
    "import_pdf_unreadable": "{path} is not a readable PDF: {detail}",
    # --- code
    "too_short_one": "expected at least {min_length} item; found: {actual_length}",
    "too_long_one": "expected at most {max_length} item; found: {actual_length}",
    "build_skipped_articles_one": "unreadable article: {files} (in the profile's folder); each article starts with its metadata, at least 'Title: …' and 'Date: YYYY-MM-DD'; a draft may say 'Status: draft'",
    "pg_text_comma": '\'{found}\' is not a language: inside {{ }}, a comma separates two languages; put a text holding a comma in quotes, e.g. {{ fr: "Analyse (KYC, LCB-FT)", en: "…" }}',
    "article_no_title": "{file}: the article has no title; add a line 'Title: …' at its top",
    "article_no_date": "{file}: the article has no date; add a line 'Date: YYYY-MM-DD' at its top (e.g. Date: 2025-09-12)",
    "article_bad_date": "{file}: unreadable date '{found}'; write it YYYY-MM-DD (e.g. Date: 2025-09-12)",
    # --- online
    "publish_where": "say where to publish: a folder (profile-gen publish FOLDER) or a git branch (profile-gen publish --git REMOTE), one or the other",
    "publish_no_git": "git is not installed: install it (https://git-scm.com) to publish with --git, or publish to a folder with profile-gen publish FOLDER",
    "publish_not_a_repo": "{path} is not in a git repository: run the command from your Book's repository (or make one: git init, then git remote add origin ADDRESS)",
    "publish_current_branch": "{branch} is the branch you are working on: publishing there would replace your files with the Book; choose another branch with --branch (e.g. gh-pages)",
    "publish_unreachable": "the repository {remote} does not answer ({detail}): check its name or address (git remote -v), your connection and your access rights",
    "publish_git_failed": "git could not prepare the Book's branch: {detail}",
    "publish_push_failed": "pushing the branch {branch} to {remote} failed (git's message is above): check your access rights; if the branch was changed elsewhere, fetch it first (git fetch {remote} {branch}:{branch})",
}
