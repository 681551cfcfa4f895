EN = {}

ZH = {}
