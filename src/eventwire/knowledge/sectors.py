"""The sector vocabulary of actors: CAMEO/PLOVER agent codes, as event data uses them."""

from __future__ import annotations

# Political and security actors: what makes a sentence one an event dataset codes.
POLITICAL = frozenset("GOV MIL COP SPY LEG JUD PTY OPP REB CRM IGO NGO".split())

SECTORS = {
    "GOV": "government: executives, ministries, officials, diplomats",
    "MIL": "military: armed forces, soldiers, coalitions",
    "COP": "police and border guards",
    "SPY": "intelligence and security agencies",
    "LEG": "legislatures and their members",
    "JUD": "courts, judges and prosecutors",
    "PTY": "political parties",
    "OPP": "opposition, dissidents, activists",
    "REB": "rebels, insurgents, militants and armed groups",
    "CRM": "criminals, smugglers, gangs",
    "CVL": "civilians, residents, protesters",
    "REF": "refugees, migrants, displaced people",
    "MED": "media and journalists",
    "EDU": "education: students, teachers, universities",
    "LAB": "labour: workers and unions",
    "AGR": "agriculture: farmers",
    "BUS": "business: companies, business people",
    "HLH": "health: doctors, hospitals",
    "REL": "religious leaders and bodies",
    "IGO": "intergovernmental organisations (the UN, the EU, NATO…)",
    "NGO": "non-governmental organisations",
}
