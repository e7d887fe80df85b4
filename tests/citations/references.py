"""Sources of every kind ANKASAM cites, as references: the fixture set that the house
Chicago and APA are compared against citeproc-py on (test_citeproc.py) and that BibTeX
and RIS must carry without loss (test_files.py).

The first four are the sample article's own sources; the rest add each CSL type,
organisations as authors, one to three people, Turkish and Russian titles, dates to
the day, by year and none.
"""

from datetime import date

from citations.formats import (
    BOOK,
    JOURNAL,
    NEWSPAPER,
    REPORT,
    WEBPAGE,
    Name,
    Reference,
)

NOV_4 = date(2023, 11, 4)


def person(full: str) -> Name:
    return Name.parse(full)


def organisation(name: str) -> Name:
    return Name(literal=name)


REFERENCES = [
    # The sample article's sources: news sites, which APA cites as web pages.
    Reference(
        key="aljazeera",
        kind=WEBPAGE,
        title=(
            "North Korea Says Closing Foreign Missions as Part of Its ‘Regular Affairs’"
        ),
        container="Al Jazeera",
        issued=date(2023, 11, 3),
        url="https://www.aljazeera.com/news/2023/11/3/north-korea-says-closing",
        accessed=NOV_4,
        language="en",
    ),
    Reference(
        key="barrons",
        kind=WEBPAGE,
        title="North Korea Says Recent Embassy Closures ‘Regular Affairs’",
        container="Barron’s",
        url="https://www.barrons.com/news/north-korea-says-recent-embassy-closures",
        accessed=NOV_4,
        language="en",
    ),
    Reference(
        key="voa",
        kind=WEBPAGE,
        title="North Korea Closes 4 Diplomatic Missions, Suggesting Economic Woes",
        authors=[person("William Gallo")],
        container="Voice of America News",
        issued=date(2023, 11, 1),
        url="https://www.voanews.com/a/north-korea-closes-4-diplomatic-missions/733916",
        accessed=NOV_4,
        language="en",
    ),
    Reference(
        key="apnews",
        kind=WEBPAGE,
        title=(
            "North Korea Is Closing Some Diplomatic Missions in What May Be a Sign "
            "of Its Economic Troubles"
        ),
        authors=[person("Hyung-Jin Kim"), person("Kim, Tong-Hyung")],
        container="Associated Press News",
        issued=date(2023, 11, 1),
        url="https://apnews.com/article/north-korea-closes-diplomatic-missions",
        accessed=NOV_4,
        language="en",
    ),
    # More web pages: an undated one, an organisation's own page, Turkish, Russian.
    Reference(
        key="cfr",
        kind=WEBPAGE,
        title="What Is AUKUS Pillar Two?",
        container="Council on Foreign Relations",
        url="https://www.cfr.org/in-brief/what-aukus-pillar-two",
        accessed=date(2024, 4, 11),
        language="en",
    ),
    Reference(
        key="dod",
        kind=WEBPAGE,
        title="AUKUS Defense Ministers’ Joint Statement",
        authors=[organisation("U.S. Department of Defense")],
        container="U.S. Department of Defense",
        issued=date(2024, 4, 8),
        url="https://www.defense.gov/News/Releases/Release/Article/3734158/",
        accessed=date(2024, 4, 10),
        language="en",
    ),
    Reference(
        key="trthaber",
        kind=WEBPAGE,
        title="Savunma ve Havacılık İhracatı 2023’te Rekor Kırdı",
        authors=[person("Ayşe Işıl Yılmaz")],
        container="TRT Haber",
        issued=date(2024, 1, 2),
        url="https://www.trthaber.com/haber/ekonomi/savunma-ve-havacilik-823419.html",
        accessed=date(2024, 1, 3),
        language="tr",
    ),
    Reference(
        key="aa",
        kind=WEBPAGE,
        title="Rusya, Karadeniz Tahıl Koridoru Anlaşmasını Askıya Aldı",
        container="Anadolu Ajansı",
        issued=date(2023, 7, 17),
        url="https://www.aa.com.tr/tr/dunya/rusya-karadeniz-tahil-koridoru/2947201",
        accessed=date(2023, 7, 18),
        language="tr",
    ),
    Reference(
        key="tass",
        kind=WEBPAGE,
        title="Путин и Ким Чен Ын провели переговоры на космодроме Восточный",
        container="ТАСС",
        issued=date(2023, 9, 13),
        url="https://tass.ru/mezhdunarodnaya-panorama/18540211",
        accessed=date(2023, 9, 14),
        language="ru",
    ),
    # Newspapers.
    Reference(
        key="guardian",
        kind=NEWSPAPER,
        title="Kim Jong-Un Arrives in Russia for Talks with Putin",
        authors=[person("Justin McCurry"), person("Pjotr Sauer")],
        container="The Guardian",
        issued=date(2023, 9, 12),
        url="https://www.theguardian.com/world/2023/sep/12/kim-jong-un-russia",
        accessed=date(2023, 9, 13),
        language="en",
    ),
    Reference(
        key="nyt",
        kind=NEWSPAPER,
        title="Argentina Rejects Invitation to Join BRICS",
        container="The New York Times",
        issued=date(2023, 12, 29),
        url="https://www.nytimes.com/2023/12/29/world/americas/argentina-brics.html",
        accessed=date(2024, 1, 2),
        language="en",
    ),
    Reference(
        key="hurriyet",
        kind=NEWSPAPER,
        title="Orta Koridor’da Yük Hacmi İki Katına Çıktı",
        authors=[person("İlker Ilgın Öztürk")],
        container="Hürriyet",
        issued=date(2024, 6, 5),
        url="https://www.hurriyet.com.tr/ekonomi/orta-koridor-42483521",
        accessed=date(2024, 6, 6),
        language="tr",
    ),
    Reference(
        key="kommersant",
        kind=NEWSPAPER,
        title="КНДР закрывает посольства в Африке и Европе",
        authors=[person("Елена Черненко")],
        container="Коммерсантъ",
        issued=date(2023, 11, 2),
        url="https://www.kommersant.ru/doc/6315823",
        accessed=NOV_4,
        language="ru",
    ),
    # Journal articles: one, two and three authors; Turkish.
    Reference(
        key="foreignaffairs",
        kind=JOURNAL,
        title="What Russia and North Korea Want From Each Other",
        authors=[person("Victor Cha")],
        container="Foreign Affairs",
        issued=date(2023, 9, 12),
        url="https://www.foreignaffairs.com/north-korea/what-russia-and-north-korea",
        doi="10.1000/fa.2023.0912",
        language="en",
    ),
    Reference(
        key="sanctions",
        kind=JOURNAL,
        title="Sanctions and the Survival of Small Diplomatic Networks",
        authors=[person("Zeki Talustan Gülten"), person("İlknur Işık")],
        container="Journal of East Asian Affairs",
        issued=date(2022, 3, 1),
        doi="10.1000/jeaa.36.1.45",
        language="en",
    ),
    Reference(
        key="corridor",
        kind=JOURNAL,
        title="The Middle Corridor and European Energy Security",
        authors=[
            person("Ümran Söğütlü"),
            person("Jane Doe"),
            person("Ali Veli"),
        ],
        container="Energy Policy",
        issued=date(2024, 2, 15),
        doi="10.1016/j.enpol.2024.113999",
        language="en",
    ),
    Reference(
        key="uidergisi",
        kind=JOURNAL,
        title="Kuzey Kore’nin Dış Politikasında Yaptırımların Etkisi",
        authors=[person("İlknur Işık")],
        container="Uluslararası İlişkiler",
        issued=date(2021, 6, 1),
        doi="10.33458/uidergisi.951234",
        language="tr",
    ),
    # Reports: organisations and a named author.
    Reference(
        key="worldbank",
        kind=REPORT,
        title="Middle Trade and Transport Corridor",
        authors=[organisation("World Bank")],
        publisher="World Bank",
        issued=date(2023, 11, 27),
        url="https://www.worldbank.org/en/region/eca/publication/middle-trade",
        accessed=date(2024, 6, 6),
        language="en",
    ),
    Reference(
        key="unsc",
        kind=REPORT,
        title=(
            "Final Report of the Panel of Experts Submitted Pursuant to Resolution 2680"
        ),
        authors=[organisation("United Nations Security Council")],
        publisher="United Nations",
        issued=date(2024, 3, 7),
        url="https://www.un.org/securitycouncil/sanctions/1718/panel_experts/reports",
        accessed=date(2024, 3, 20),
        language="en",
    ),
    Reference(
        key="crisisgroup",
        kind=REPORT,
        title="The Sahel After the Niger Coup",
        authors=[person("Ibrahim Yahaya Ibrahim")],
        publisher="International Crisis Group",
        issued=date(2023, 10, 20),
        url="https://www.crisisgroup.org/africa/sahel/niger/sahel-after-niger-coup",
        accessed=date(2023, 10, 25),
        language="en",
    ),
    # Books: one and two authors, Turkish and Russian.
    Reference(
        key="oberdorfer",
        kind=BOOK,
        title="The Two Koreas: A Contemporary History",
        authors=[person("Don Oberdorfer"), person("Robert Carlin")],
        publisher="Basic Books",
        issued=date(2013, 10, 1),
        language="en",
    ),
    Reference(
        key="armaoglu",
        kind=BOOK,
        title="20. Yüzyıl Siyasi Tarihi",
        authors=[person("Fahir Armaoğlu")],
        publisher="Kronik Kitap",
        issued=date(2017, 1, 1),
        language="tr",
    ),
    Reference(
        key="lankov",
        kind=BOOK,
        title="Северная Корея: вчера и сегодня",
        authors=[person("Андрей Ланьков")],
        publisher="Восточная литература",
        issued=date(1995, 1, 1),
        language="ru",
    ),
]

KINDS = {ref.kind for ref in REFERENCES}
