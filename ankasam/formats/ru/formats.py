# Russian: the house format first (shown in inputs, written by the calendar), then ISO
# and the two-digit year Django's Russian formats accept.
DATE_INPUT_FORMATS = [
    "%d.%m.%Y",  # '04.11.2023'
    "%Y-%m-%d",  # '2023-11-04'
    "%d.%m.%y",  # '04.11.23'
]
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H:%M:%S",  # '04.11.2023 14:30:59'
    "%d.%m.%Y %H:%M:%S.%f",  # '04.11.2023 14:30:59.000200'
    "%d.%m.%Y %H:%M",  # '04.11.2023 14:30'
    "%Y-%m-%d %H:%M:%S",  # '2023-11-04 14:30:59'
    "%Y-%m-%d %H:%M:%S.%f",  # '2023-11-04 14:30:59.000200'
    "%Y-%m-%d %H:%M",  # '2023-11-04 14:30'
    "%d.%m.%y %H:%M:%S",  # '04.11.23 14:30:59'
    "%d.%m.%y %H:%M:%S.%f",  # '04.11.23 14:30:59.000200'
    "%d.%m.%y %H:%M",  # '04.11.23 14:30'
]
# День, месяц, год: what every date input says it expects.
DATE_INPUT_HINT = "ДД.ММ.ГГГГ, напр. 04.11.2023"
