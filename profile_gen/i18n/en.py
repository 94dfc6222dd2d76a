"""English wording."""

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
    "yaml_flow": "list [..] or mapping {..} not closed properly: check commas and brackets",
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
    "too_short": "expected at least {min_length} item(s); found: {actual_length}",
    "too_long": "expected at most {max_length} item(s); found: {actual_length}",
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
    "featured_duplicate": "achievement '{found}' is featured twice",
    # --- summaries
    "problem_count": "{count} errors. Fix them and run again.",
    "problem_count_one": "1 error. Fix it and run again.",
    "more_problems": "... and {count} more errors",
    "unknown": "error {code} {detail}",
}

LABELS = {
    # annexe items, in the methodology's order
    "item.cv": "CV with photo",
    "item.path": "Professional path",
    "item.training": "Training and certifications",
    "item.languages": "Languages",
    "item.book_qr": "QR code + link to the Book",
    "item.linkedin_qr": "QR code + link to LinkedIn",
    "item.achievements": "Book: Achievements",
    "item.summary": "LinkedIn: Summary / Presentation",
    "item.activities": "Articles and activities",
    "item.skills_recommendations": "Skills and recommendations",
    # check report
    "check.valid": "{file}: valid profile",
    "check.annexe": "Thesis annexes",
    "check.defence": "Defence",
    "check.notes": "Notes",
    "check.strengths": "10 strengths ({count}/10)",
    "check.improvements": "10 improvements with an action plan ({count}/10)",
    "check.self_assessment": "Competency self-assessment ({count} competencies)",
    "check.evidence": "Evidence for every competency",
    "check.dated": "Dated achievements",
    "check.slides": "{duration} s segment ({total} s planned)",
    "check.hint.cv": "add identity.photo and at least one experience or education entry",
    "check.hint.path": "add at least one entry to experience",
    "check.hint.training": "add education or certifications",
    "check.hint.languages": "add languages",
    "check.hint.book_qr": "add links.book (the Book's public address)",
    "check.hint.linkedin_qr": "add links.linkedin",
    "check.hint.achievements": "add at least one achievement",
    "check.hint.summary": "add summary (your LinkedIn summary)",
    "check.hint.activities": "add activities or articles in content/articles/",
    "check.hint.skills_recommendations": "add skills and recommendations",
    "check.hint.strengths": "the defence expects exactly 10 strengths",
    "check.hint.improvements": "the defence expects exactly 10 improvements",
    "check.hint.self_assessment": "add competencies.items (RNCP 35284 framework by default)",
    "check.hint.evidence": "no evidence: {items}",
    "check.hint.dated": "no date: {items}",
    "check.hint.slides": "adjust defence.slides[].seconds to add up to {duration} s",
    "check.translations": "{count} texts not translated into '{lang}' (falling back to '{primary}'):",
    "check.plain_texts": "{count} texts written once, shown as they are in '{lang}'",
    "check.ready": "Ready for the annexes and the defence.",
    "check.incomplete": "{count} item(s) to complete.",
    "build.done": "{pages} pages written to {output} in {seconds} s.",
    "present": "present",
    # init
    "init.created": "created: {path}",
    "init.exists": "already exists, left unchanged: {path}",
    "init.next": "Next: fill in {path}, then run `profile-gen check {path}`.",
    # cli
    "cli.internal_error": "Unexpected internal error: {error}. Run again with --debug and report it.",
}
