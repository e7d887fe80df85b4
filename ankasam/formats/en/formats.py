# English keeps Django's English input formats (ISO 2023-11-04 first, then US
# month-first forms such as 11/04/2023), so they are not repeated here. 04.11.2023 is
# refused on purpose: next to month-first 04/11/2023 (11 April) it would make the same
# digits two dates, told apart by the separator alone. A refusal names the format.
DATE_INPUT_HINT = "YYYY-MM-DD, e.g. 2023-11-04"
