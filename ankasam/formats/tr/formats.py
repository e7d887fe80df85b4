# Turkish: the house format first (shown in inputs, written by the calendar), then
# ISO and Django's Turkish day-first forms. Django's "%y-%m-%d" ('23-11-04') is left
# out: a Turkish editor reads 04-11-23 day first, and it would mean 2004-11-23.
DATE_INPUT_FORMATS = [
    "%d.%m.%Y",  # '04.11.2023'
    "%Y-%m-%d",  # '2023-11-04'
    "%d.%m.%y",  # '04.11.23'
    "%d/%m/%Y",  # '04/11/2023'
    "%d/%m/%y",  # '04/11/23'
]
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H:%M:%S",  # '04.11.2023 14:30:59'
    "%d.%m.%Y %H:%M:%S.%f",  # '04.11.2023 14:30:59.000200'
    "%d.%m.%Y %H:%M",  # '04.11.2023 14:30'
    "%Y-%m-%d %H:%M:%S",  # '2023-11-04 14:30:59'
    "%Y-%m-%d %H:%M:%S.%f",  # '2023-11-04 14:30:59.000200'
    "%Y-%m-%d %H:%M",  # '2023-11-04 14:30'
    "%d/%m/%Y %H:%M:%S",  # '04/11/2023 14:30:59'
    "%d/%m/%Y %H:%M:%S.%f",  # '04/11/2023 14:30:59.000200'
    "%d/%m/%Y %H:%M",  # '04/11/2023 14:30'
]
# Gün, ay, yıl: what every date input says it expects.
DATE_INPUT_HINT = "GG.AA.YYYY, örn. 04.11.2023"
