"""English wording: the kinds of YAML values and the messages (errors, summaries)."""

KINDS = {
    "null": "an empty value",
    "bool": "a YAML yes or no (yes, no, on, off, true, false: put the word between quotes)",
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
    "yaml_syntax": (
        "invalid YAML syntax here: check indentation, colons and quotes (a value "
        "starting with a sign, such as > | - * & ! % @ ` [ {{, goes in quotes)"
    ),
    "yaml_colon": (
        "unexpected colon: when a value contains ': ', put it in quotes (title: \"Review: 2025\")"
    ),
    "yaml_missing_colon": (
        "missing colon after “{key}”: write “{key}: value” (a space after the colon)"
    ),
    "yaml_over_indent": (
        "this key is indented further than the line before: align it with the other keys "
        "of the same level (same spaces at the start of the line)"
    ),
    "yaml_indent": (
        "inconsistent indentation: align this line with the other keys of the same level "
        "(same spaces at the start of the line)"
    ),
    "yaml_reserved": "reserved character '{char}' at the start of a value: put the value in quotes",
    "yaml_flow_value": (
        "'{char}' at the start of a value opens a list [ ] or a mapping {{ }}: put the whole "
        "value in quotes"
    ),
    "yaml_indent_against": (
        "indented differently from line {other_line}: align the keys of one level (the same "
        "spaces at the start of the line)"
    ),
    "yaml_alias": "a value starting with '*' is read as a YAML alias: put the value in quotes",
    "yaml_dash_value": (
        "a dash at the start of a value opens a list: put the value in quotes, or write the "
        "list under the key, one item per line"
    ),
    "yaml_block_value": (
        "'{char}' at the start of a value announces a text written on the next lines: put the "
        "value in quotes, or write the text on the next line, indented further"
    ),
    "yaml_flow": "list [..] or mapping {{..}} opened here and not closed properly: check commas and brackets, or put the value between quotes if it is no list",
    "yaml_unclosed_quote": "quote opened here and never closed",
    "yaml_backslash": "between double quotes, « \\ » starts an escape sequence: write paths with / (images/portrait.jpg), or put the text between single quotes ('…')",
    "yaml_quote_spans_lines": (
        "quote opened here and closed only on line {end_line}: the value swallows the lines "
        "in between; close the quote on this line"
    ),
    "yaml_anchor": (
        "'{anchor}' at the start of a value is read as a YAML anchor and dropped from the "
        "value: put the value in quotes"
    ),
    "yaml_comment_in_value": (
        "'{comment}' is read as a comment (a # after a space) and will not show: to keep it, "
        "put the whole value in quotes; for a comment, put a space after the #"
    ),
    "yaml_control_char": "invisible character {char} is not allowed in YAML; delete it (often pasted from a PDF or a word processor)",
    "yaml_multiple_documents": "several YAML documents (`---`): a profile is a single document",
    "yaml_root_not_mapping": (
        "the profile must be a mapping of sections (identity:, experience:, ...); found: {kind}"
    ),
    "yaml_duplicate_key": "duplicate key '{key}' (already set on line {first_line}); keep only one",
    "yaml_key_not_text": "a key must be text; found: {kind}",
    "yaml_merge_key": "YAML merge keys (`<<`) are not supported; copy the values instead",
    "yaml_decimal_comma": "'{found}' was read as two items: between [ ], a comma parts items, a decimal comma too; put this item in quotes (\"{found}\") or write the list with dashes",
    "yaml_number_too_long": "a number of thousands of digits, unreadable; write the value expected (a text in quotes, a year…)",
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
    "finite_number": "expected a number (neither .nan nor .inf); found: {found}",
    "float_type": "expected a number; found: {found}",
    "float_parsing": "expected a number; found: {found}",
    "greater_than_equal": "expected a number of at least {ge}; found: {found}",
    "less_than_equal": "expected a number of at most {le}; found: {found}",
    "list_type": "expected a list (lines starting with '- '); found: {found}",
    "model_type": "expected a mapping (key: value); found: {found}",
    "model_type_keys": "expected: a mapping with the keys {keys}, one a line (`key: value`); found: {found}",
    "model_attributes_type": "expected a mapping (key: value); found: {found}",
    "dict_type": "expected a mapping (key: value); found: {found}",
    "enum": "unknown value {found}; allowed values: {expected}",
    "yaml_boolean_choice": 'YAML reads this word as yes or no (yes, no, on, off, true, false): write it between quotes, e.g. "no"; possible values: {expected}',
    "literal_error": "unknown value {found}; allowed values: {expected}",
    "too_short": "expected at least {min_length} items; found: {actual_length}",
    "too_long": "expected at most {max_length} items; found: {actual_length}",
    "pg_text_type": "expected text, or one text per language ({{fr: ..., en: ...}}); found: {found}",
    "pg_text_empty": "the text is empty",
    "pg_text_language": "unknown language '{found}'; allowed languages: {expected}",
    "pg_date": "expected a date YYYY, YYYY-MM or YYYY-MM-DD; found: {found}",
    "pg_end_date": "expected a date YYYY, YYYY-MM or YYYY-MM-DD, or `present`; found: {found}",
    "pg_date_french": "date written '{found}': write it {suggested} (year-month-day, YYYY-MM-DD, or YYYY-MM)",
    "pg_date_month": "invalid month in {found} (expected 01 to 12)",
    "pg_date_day": "invalid day in {found}",
    "pg_date_year": "invalid year in {found} (expected 1900 to 2100)",
    "pg_url": "expected an http:// or https:// address; found: {found}",
    "pg_url_host": "address without a valid host name: {found}",
    "pg_email": "expected an e-mail address (name@domain.com); found: {found}",
    "pg_color": "expected a colour #rrggbb (e.g. '#1f4e8c'); found: {found}",
    "pg_color_contrast": "colour {found} is too light: contrast {ratio}:1 on the light background, at least {minimum}:1 is needed to read links and the white text of buttons; choose a darker shade",
    "yaml_unquoted_color": "'{found}' is read as a comment (in YAML, '#' starts one): write the colour in quotes, e.g. color: \"{found}\"",
    "pg_phone_unquoted": 'a phone number without quotes, which YAML reads as the number {found} (a leading 0 makes it octal, a + is lost); write it in quotes, e.g. phone: "+33 6 12 34 56 78"',
    "pg_phone": "expected a phone number (e.g. '+33 6 12 34 56 78'); found: {found}",
    "pg_linkedin": "expected a LinkedIn profile address (https://www.linkedin.com/in/...), on linkedin.com and not on {host}; found: {found}",
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
    "path_backslash": "{path}: write the path with slashes (/): {fixed} (a \\ works on Windows only, and the Book is built online on Linux)",
    "file_missing_near": "file not found: {path}; the folder holds '{near}', nearly the same name (accents encoded otherwise, capitals or one letter): write the file's exact name here, or rename it by typing its name again",
    "path_escapes": "the path {path} leaves the profile's folder",
    "image_format": "{path}: format {format} is not supported; save the photo as JPEG, PNG, WebP or HEIC (iPhone)",
    "image_too_long": "{path}: the image is {width} × {height} pixels, a side longer than {limit} pixels; crop or reduce it (no page shows a strip that long)",
    "image_too_large": "{path}: the image has {size} million pixels, the limit is {limit} million; reduce it below that, for instance to 4000 × 3000 pixels, which is plenty (the 108 or 200 megapixel photos of some phones: choose 12 MP in their camera), or export it smaller from your gallery",
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
    "os_error_unnamed": "{reason} (a file of the folder {path}, or of the output folder); check the free space and the permissions",
    "build_skipped_articles": "unreadable articles: {files} (in the profile's folder); each article starts with its metadata, at least 'Title: …' and 'Date: YYYY-MM-DD'; a draft may say 'Status: draft'",
    "build_same_address": "{files} have the same address ({address}): give one another 'Slug:' (or, for a translation, another 'Lang:')",
    "article_image_no_source": "{article}: the picture '{src}' has an address a Book does not show (file:, data:...); save it in the profile's images/ folder and write ![description](../images/name.png)",
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
    "output_holds_sources": "{path} holds your files ({source}): a build replaces its whole output folder; choose one of its own (e.g. -o output)",
    "output_not_a_book": "{path} is not a profile-gen output folder (it has no index.html, or it holds a git repository or a profile.yaml): a build replaces its whole output folder; choose an empty or new one",
    "output_in_a_book": "{path} is inside a Book's folder ({book}): publishing that one would take this one, annexes included; choose a folder outside {book}",
    "output_not_a_cohort": "{path} is not a cohort's output folder (it holds something other than Books, their index and their CSV: a site, a git repository, a profile): the cohort would replace its files; choose an empty or new one",
    # --- summaries
    "problem_count": "{count} errors to fix.",
    "problem_count_one": "1 error to fix.",
    "more_problems": "... and {count} more errors",
    "unknown": "error {code} {detail}",
    # --- install
    "project_no_profile": "no profile in {folder}: profile.yaml not found. Go to the folder of your profile (or give --content FOLDER), or start one with `profile-gen init`",
    "private_outside_contact": "private.yaml holds your private contact details only, under identity: contact: (phone, address, …): `{key}` belongs in profile.yaml",
    "private_value_hidden": "a problem in this file, not copied here (private.yaml stays private): the student sees it with profile-gen check",
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
    "article_bad_date": "{file}:{line}: unreadable date '{found}'; write it YYYY-MM-DD (e.g. Date: 2025-09-12)",
    "article_encoding": "{file}:{line}: byte {byte} is not valid UTF-8; save the article as UTF-8 (in your editor: 'Save with encoding' → UTF-8)",
    "article_url": "{file}: 'Url: {found}': an article's address comes from its title (or its Slug: line), and the Book's lists, the annexe and the Word file link to it; remove that line",
    "article_outside": "{file}:{line}: '{key}: {value}' would write the page outside the Book's folder; remove that line (the article's address comes from its title)",
    "article_lang": "{file}: 'Lang: {found}' is not a language of the Book ({languages}); write one of them, or remove the line",
    "article_save_as_place": "{file}: the article would be written in place of '{found}', a page of the Book; remove its 'Save_as:' line (the article's address comes from its title)",
    "article_slug_place": "{file}: the article would be written in place of '{found}', a page of the Book; remove its 'Slug:' line (the article's address comes from its title)",
    "folder_dir_hidden": "{file}: a link to the profile's folder itself or into a hidden folder (.git, .cache…), refused; put the templates in a folder of their own",
    "folder_dir_outside": "{file}: a link to a folder outside the profile's folder, refused; copy the folder itself into the profile's folder",
    "folder_outside": "{file}: a link to a file outside the profile's folder, refused; copy the file itself into the folder",
    "folder_not_regular": "{file} is not a regular file (a named pipe, a device or a socket): it will not be opened; remove it from the folder",
    "folder_too_large": "{file} weighs {size} kB, more than the {limit} kB allowed; split or shrink it",
    "folder_link_loop": "{file}: a symbolic link in a loop (it leads to itself or to a folder holding it); remove it",
    "folder_unreadable": "{file}: cannot be read ({detail})",
    "folder_private": "{file} stays private: an article cannot attach the profile, the private file, the settings nor a hidden file",
    "folder_active": "{file}: an attached web page, SVG, XML document or script would run inside the Book; attach a PDF, a PNG or JPEG image, or the file in a .zip archive instead",
    "article_attachment_refused": "{article}: attached file refused ({{static}} or {{attach}}): {detail}",
    "template_unsafe": "{file}, line {line}: the template attempts a forbidden access ({detail}); a template shows data, it runs nothing",
    "article_too_deep": "{file}: the article nests too deeply to be read (hundreds of references chained one to the next, or of lists or quotes one inside another): simplify it",
    "article_too_slow": '{file}: reading the article took more than {seconds} s and was stopped; text of this shape (thousands of unclosed "[" or "<http") would keep the Markdown converter busy for minutes (or the reStructuredText reader, on its own shapes): fix it',
    "build_active_page": "{file}: the page holds {found}, which a browser would run or fetch from another server; a template of templates/ lays out, it adds no script, frame or resource from elsewhere",
    "build_private_in_text": "{file}: the page shows identity.contact.{item}, which your profile keeps off the web (visibility annexe or private): your profile's text {field} writes it; remove it from that text, or change its visibility",
    "build_private_on_web": "{file}: the page shows identity.contact.{item}, which your profile keeps off the web (visibility annexe or private); remove it from the template or article that writes it (templates/, articles/), or change its visibility",
    "article_template_unknown": "{file}: Template: {name} names no template of your folder; write the name of a file of templates/ without .html (templates/{name}.html), or remove the line for an article's layout",
    "article_rst_refused": "{file}: docutils refuses the article: {detail}; an article publishes its own text: the include and raw directives are disabled",
    "template_broken": "{file}, line {line}: the template cannot be shown ({detail}); fix it or remove it from the templates/ folder",
    "template_too_slow": "{file}, line {line}: the template took more than {seconds} s of processing (a loop too long?); fix it or remove it from the templates/ folder",
    # --- online
    "publish_where": "say where to publish: a folder (profile-gen publish FOLDER) or a git branch (profile-gen publish --git REMOTE), one or the other",
    "publish_no_git": "git is not installed: install it (https://git-scm.com) to publish with --git, or publish to a folder with profile-gen publish FOLDER",
    "publish_not_a_repo": "{path} is not in a git repository: run the command from your Book's repository (or make one: git init, then git remote add origin ADDRESS)",
    "publish_current_branch": "{branch} is the branch you are working on: publishing there would replace your files with the Book; choose another branch with --branch (e.g. gh-pages)",
    "publish_unreachable": "the repository {remote} does not answer ({detail}): check its name or address (git remote -v), your connection and your access rights",
    "publish_git_failed": "git could not prepare the Book's branch: {detail}",
    "publish_push_failed": "pushing the branch {branch} to {remote} failed (git's message is above): check your access rights; if the branch was changed elsewhere, fetch it first (git fetch {remote} {branch}:{branch})",
    "photo_missing": "{path}: file not found",
    "photo_unreadable": "{path}: unreadable image ({detail})",
    "photo_not_an_image": "{path}: not an image profile-gen can read (JPEG, PNG, WebP, HEIC)",
    "photo_format": "{path}: format {detail} not supported (JPEG, PNG, WebP or HEIC)",
    "photo_needs_reencode": "{path}: a {detail} image cannot be cleaned without re-encoding its pixels; run again with --reencode (a slight loss of quality) or save it as JPEG",
    # --- untrusted input: links, characters, private file
    "pg_url_char": "character {char} is not allowed in a web address: a browser would read it differently from how it shows; found: {found}",
    "pg_url_userinfo": 'a web address cannot carry "name@" before its domain: a browser would go to {host}; found: {found}',
    "pg_url_mixed_script": "the domain {host} mixes alphabets (a letter from another alphabet imitating a Latin one?): a browser would go to {ascii}; found: {found}",
    "text_invalid_char": 'invalid character {char} (half of a UTF-16 pair, probably written "\\u…" in quotes): remove it or write the character itself',
    "text_control_char": "invisible control character {char} (written \\e, \\a, \\x1b… in quotes, or pasted): it would break the Word, PowerPoint and PDF files and can command a terminal; remove it",
    "private_not_a_file": "{path} is not a file: private.yaml (your private contact details) must be one; rename or remove this folder",
    "profile_not_a_file": "{path} is not a file (a folder, a pipe or a device): the profile must be one; rename or remove it",
    "article_invalid_char": "{file}: invalid character {char} (half of a UTF-16 pair, which no page can hold): remove it or write the character itself",
    # --- robust
    "pdf_too_deep": "{page}: the printed page nests too deeply to be laid out (hundreds of marks one inside another in a text); the PDF is not written: simplify that text",
    "pdf_resource_refused": "{page}: the printed page asks for “{url}”, which is not a file of the built Book (another server, a file outside the folder, a data: image over 5 MB, or a missing file); the PDF is not written. Save the picture in the profile's folder and give its relative path",
    "build_locked": "{path}: another build is already writing into this folder (profile-gen build or serve); wait until it ends, or build elsewhere with -o FOLDER",
    "cohort_member_unreadable": "{path}: folder cannot be read ({reason}); check its permissions, and that it is not a symbolic link that loops or leads nowhere",
    "cohort_member_link": "{path}: a symbolic link, refused (a folder outside the cohort, or another student's under a second name); copy the student's folder itself into the cohort",
    "cohort_member_crashed": "{path}: the build of this Book stopped short ({detail}); run it alone with profile-gen build --content {path} to see the error",
    "cohort_member_too_long": "{path}: this Book took longer than {minutes} min to build and was stopped (a very large profile or articles made to be slow?); run it alone with profile-gen build --content {path}, or give more time with --time-limit",
    "cohort_member_internal": "{path}: unexpected profile-gen error while building this Book ({detail}); please report it",
    # --- the tool carried by the repository
    "install_invalid": "--install and --index-url take a one-line text, found {value}",
    "install_index_alone": '--index-url says where the version of --install SPEC comes from: give --install too (e.g. --install "profile-gen=={{version}}")',
    "upgrade_not_a_repository": "{path} is not a profile's repository (no profile.yaml, .profile-gen/ or CI file): run `profile-gen upgrade` in the folder `profile-gen init` made",
    "wheel_not_installed": "profile_gen is not installed as a package (its metadata cannot be found): install it with pip or pipx, or choose a published version with --install SPEC",
    "wheel_altered": "the installed file {file} no longer matches its hash (RECORD): profile_gen's installation was altered; reinstall it (pip install --force-reinstall) or choose a published version with --install SPEC",
    "wheel_no_source": "profile_gen is an editable install (pip install -e) and its sources ({path}) are unreadable or of another version: install it normally, or choose a published version with --install SPEC",
    "wheel_incomplete": "profile_gen's installation is incomplete (metadata or package missing): reinstall it, or choose a published version with --install SPEC",
    "import_csv_field_too_large": "{path}, line {line}: a field is over {limit} kB, far more than any profile text; check that this is a file of the LinkedIn export, or shorten that field",
    "import_json_too_deep": "{path} is not a readable JSON Resume: over {limit} levels of nesting",
    "import_too_large": "{path} is too large for a profile: {detail}; a profile takes a few hundred kB, check that this is your export",
    "import_edited": "{path} already holds a profile (edited, or imported earlier): the import would replace it. Keep a copy, then run again with --force (or write elsewhere with -o)",
    "import_private_edited": "{path} already holds {keys}, other than the import's: run again with --force to merge (the imported values replace yours, which stay as comments at the end of the file)",
    "import_nested_zip": "{path} holds another archive, '{member}', and none of the files of a LinkedIn export: unpack {path}, then import the archive inside it",
    "more_problems_one": "... and {count} more error",
    "cohort_shard_invalid": "--shard takes K/N, two whole numbers with 1 ≤ K ≤ N (e.g. --shard 2/4), found '{value}'",
    "cohort_option_alone": "{option} only goes with --cohort DIR",
    "cohort_merge_none": "{path}: no cohort-shard-K-of-N.json file; build the shares first (build --cohort DIR --shard K/N) and gather their outputs in this folder",
    "cohort_merge_invalid": "{path}: unreadable share file ({detail}); build that share again",
    "cohort_merge_missing": "{path}: built by no share; was a share's output lost? Run it again (build --cohort --shard K/N)",
    "cohort_merge_mixed": "{path}: share files of several splits ({files}); empty the folder and run the shares of one --shard K/N again",
    "cohort_merge_no_book": "{path}: built by share {shard}, but its Book is missing from the output folder; gather the whole output of that share",
    # --- designs
    "design_unknown": 'unknown design "{name}"; known designs: {known} (profile-gen designs describes them; your own: a folder designs/{name}/ beside the profile, with its tokens.toml)',
    "design_unknown_near": 'unknown design "{name}": did you mean "{near}"? (profile-gen designs lists them)',
    "design_extends_unknown": '{file}: "{name}" is not a known design; known designs: {known}',
    "design_extends_missing": '{file}: say which design yours starts from, on the first line: extends = "moderne" (built-in designs: {known})',
    "design_extends_loop": '{file}: the design "{name}" extends itself (a loop of extends, or more than six designs stacked)',
    "design_toml_deep": '{file}: arrays or tables nested too deeply to be read; a design gives tables of plain values only ([color] accent = "#7a2e5c")',
    "design_toml_invalid": "{file}: unreadable TOML ({detail})",
    "design_token_color": '{file}, line {line}: {token} is {value}, refused; expected a colour in six hexadecimal digits, for example "#1f4e8c"',
    "design_token_font": '{file}, line {line}: {token} is {value}, refused; expected a list of font names (letters, digits, spaces, dots, hyphens), for example ["Inter", "Arial", "sans-serif"]',
    "design_token_size": '{file}, line {line}: {token} is {value}, refused; expected a CSS size, for example "1.1rem", "12px" or "clamp(1rem, 2vw, 2rem)"',
    "design_token_unknown": '{file}, line {line}: unknown design token "{token}"; known tokens: {known}',
    "design_css_refused": '{file}, line {line}: "{found}" refused: a design\'s stylesheet loads nothing (no url(), no @import) and holds no < nor \\; fonts are declared in tokens.toml ([[fonts]])',
    "design_block_unknown": '{file}, line {line}: the block "{block}" does not exist in {parent}; known blocks: {known}',
    "design_font_invalid": '{file}: font badly described ({detail}); expected: [[fonts]] family = "...", file = "file-name-without-extension", weight = 400 or 700, style = "normal" or "italic"',
    "design_font_missing": "{file}: font not found: neither fonts/{stem}.woff2 nor fonts/{stem}.ttf",
    "design_font_unreadable": "{file}: unreadable font file ({detail})",
    "design_font_lacks": '{file}: the font "{family}" cannot draw {chars} (in {fields}); choose a font that has them, or keep the font of the design you start from',
    "design_shadows_built_in": 'the folder designs/{name}/ is named like a built-in design: "design: {name}" always chooses the built-in one, so this folder would never be read; rename it, e.g. designs/my-{name}/ (with extends = "{name}" in its tokens.toml and design: my-{name} in the profile)',
}
