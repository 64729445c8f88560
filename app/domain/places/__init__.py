"""Jilin's administrative divisions and their names in each language.

Province, prefectures, counties and townships from the division data, with the names readers
see (Chinese, English in pinyin, Yanbian's own Korean). A code or name of a place comes from
here; which area a staff account works in is people's.
"""
