"""Articles written for eventlens's tests: two reports of one market attack, and another attack
in the same town on the same day. Every text here is the project's own."""

import json

MARKET_1 = {
    "id": "market-1", "published": "2024-03-14", "url": "https://daily-example.org/news/wamba-market-attack",
    "title": "Gunmen kill three traders at Wamba market",
    "text": "Gunmen shot dead three traders at the Wamba cattle market near Bunia on Monday, police spokesman "
            "Jean-Claude Tshibangu said. Two other traders, including Moses Lutete Kaseya, were wounded in the "
            "attack and taken to the Salama clinic. Tshibangu said the attackers fled towards the Ituri forest "
            "on motorcycles.",
}
MARKET_2 = {
    "id": "market-2", "published": "2024-03-12",
    "url": "https://wire-example.com/africa/2024/03/12/traders-killed?utm_source=rss",
    "title": "Three traders killed near Bunia",
    "text": "Three traders were killed and two wounded when gunmen opened fire at the Wamba cattle market outside "
            "Bunia on Monday, local officials said. One of the wounded, Moses Lutete Kaseya, told reporters from "
            "his bed at the Salama clinic that the attackers arrived on motorcycles. Police spokesman Jean-Claude "
            "Tshibangu said an investigation had been opened.",
}
BAR_GRENADE = {
    "id": "bar-grenade", "published": "2024-03-12", "url": "https://wire-example.com/africa/2024/03/12/bar-grenade",
    "title": "Grenade wounds six at Bunia bar",
    "text": "A grenade exploded at the Kivu Star bar in Bunia on Monday night, wounding six people, police said. "
            "The bar's owner, Alphonse Mbuyi Ngoma, said a man threw the grenade through a window and ran away. "
            "Doctors at the Rwambuli hospital said two of the wounded were in serious condition.",
}
ARTICLES = [MARKET_1, MARKET_2, BAR_GRENADE]

TOWNS = ["Kidal", "Gao", "Mopti", "Bunia", "Goma", "Beni", "Maiduguri", "Kaduna", "Jos", "Mogadishu"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday"]


def many_articles(count: int) -> list[dict]:
    """COUNT distinct short reports of attacks, for tests and benchmarks that need volume."""
    articles = []
    for n in range(count):
        town, day = TOWNS[n % len(TOWNS)], WEEKDAYS[n % len(WEEKDAYS)]
        text = (f"Gunmen attacked a checkpoint near {town} on {day}, killing {n % 7 + 2} soldiers, the army said. "
                f"Report number {n}: officials said patrol leader Captain Ouma{n} was among {n % 5 + 1} "
                "people wounded.")
        articles.append({"id": f"report-{n}", "published": "2024-03-14", "title": f"Attack near {town} ({n})",
                         "text": text})
    return articles


def as_jsonl(articles: list[dict]) -> str:
    return "".join(json.dumps(a) + "\n" for a in articles)
