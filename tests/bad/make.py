"""Writes the corpus of bad datasets in this folder: each a small valid
dataset (`base()`) broken in one way. Run from this folder
(`python3 make.py`), then review the snapshots:
`INSTA_UPDATE=always cargo test --test bad_corpus`. A new case is one line
below; its file name says what is wrong."""
import json, os
def base():
    return {
      "schema_version": 2,
      "sources": [{"id": "lee", "title": "IT Progress", "authors": ["Hyung-Seog Lee"], "container": "Bytes and Bullets",
                   "published": None, "url": None, "kind": "book-chapter", "text_file": "lee.txt"}],
      "indicators": [{"id": "it-workforce", "name": "IT workforce", "unit": "people", "description": "People in IT.", "category": "workforce"}],
      "entities": [{"id": "dprk", "name": "North Korea", "kind": "country", "aliases": ["DPRK"]},
                   {"id": "koryolink", "name": "Koryolink", "kind": "network", "korean": "고려링크"}],
      "records": [
        {"id": "koryolink-launch", "kind": "milestone", "category": "mobile", "title": "Koryolink launches",
         "summary": "The 3G network opens.", "date": "2008-12", "entities": ["koryolink"], "source": "lee",
         "locator": "Mobile", "quote": "Koryolink began service in December 2008.", "tags": ["3g"]},
        {"id": "it-workforce-100000", "kind": "observation", "category": "workforce", "title": "About 100,000 IT workers",
         "summary": "An estimate of the IT workforce.", "as_of": "source", "entities": ["dprk"], "indicator": "it-workforce",
         "value": 100000, "qualifier": "approx", "source": "lee", "locator": "Manpower", "quote": "about 100,000 IT workers"}]}
def dump(doc): return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
files = {}
def rec(i, **kw):
    d = base()
    for k, v in kw.items():
        if v is DEL: d["records"][i].pop(k, None)
        else: d["records"][i][k] = v
    return d
DEL = object()
valid = dump(base())
assert json.loads(valid)
files["syntax-missing-comma"] = valid.replace('"category": "mobile",', '"category": "mobile"', 1)
files["syntax-trailing-comma"] = valid.replace('"3g"\n', '"3g",\n', 1)
files["syntax-unclosed-string"] = valid.replace('"Mobile",', '"Mobile,', 1)
files["syntax-single-quotes"] = valid.replace('"lee.txt"', "'lee.txt'", 1)
files["syntax-comment"] = valid.replace('{\n  "schema_version"', '{\n  // nkict data\n  "schema_version"', 1)
files["syntax-duplicate-key"] = valid.replace('"title": "Koryolink launches",', '"title": "Koryolink launches",\n      "title": "Again",', 1)
files["truncated-mid-record"] = valid[: valid.index('"summary": "An estimate')]
files["truncated-mid-string"] = valid[: valid.index("December") + 3]
files["empty-file"] = ""
files["only-white-space"] = "  \n\t\n"
files["top-level-array"] = "[\n" + valid + "]\n"
files["top-level-null"] = "null\n"
d = base(); del d["records"]; files["missing-records"] = dump(d)
d = base(); d["records"] = {"koryolink-launch": {}}; files["records-not-an-array"] = dump(d)
d = base(); d["schema_version"] = "1"; files["schema-version-string"] = dump(d)
d = base(); d["schema_version"] = 3; files["schema-version-unsupported"] = dump(d)
files["type-value-as-string"] = dump(rec(1, value="100000"))
files["type-title-as-number"] = dump(rec(0, title=2008))
files["type-entities-as-string"] = dump(rec(0, entities="koryolink"))
files["type-record-as-number"] = valid.replace('    {\n      "id": "koryolink-launch"', '    42,\n    {\n      "id": "koryolink-launch"', 1)
files["unknown-field"] = dump(rec(1, value=DEL, vaule=100000))
files["unknown-category"] = dump(rec(0, category="satellite"))
files["unknown-record-kind"] = dump(rec(0, kind="event"))
files["type-record-kind-as-number"] = dump(rec(0, kind=7))
files["type-category-as-null"] = dump(rec(1, category=None))
files["unknown-qualifier"] = dump(rec(1, qualifier="about"))
files["unknown-as-of"] = dump(rec(1, as_of="now"))
d = base(); d["entities"][0]["kind"] = "nation"; files["unknown-entity-kind"] = dump(d)
files["dangling-source"] = dump(rec(0, source="kim"))
files["dangling-indicator"] = dump(rec(1, indicator="it-workers"))
files["dangling-entity"] = dump(rec(0, entities=["koryolink", "orascom"]))
files["duplicate-record-id"] = dump(rec(1, id="koryolink-launch"))
files["duplicate-record-id-with-a-bad-date"] = dump(rec(1, id="koryolink-launch", as_of=DEL, date="1997-13"))
files["entity-listed-twice"] = dump(rec(0, entities=["koryolink", "dprk", "koryolink"]))
files["impossible-day"] = dump(rec(0, date="2001-02-29"))
files["impossible-month"] = dump(rec(0, date="1997-13"))
files["two-digit-year"] = dump(rec(0, date="97"))
files["reversed-period"] = dump(rec(0, date=DEL, period={"start": "1993-05", "end": "1993-04-30"}))
files["low-greater-than-high"] = dump(rec(1, value=DEL, qualifier="range", low=1500, high=1000))
files["value-above-high"] = dump(rec(1, high=50000))
files["range-without-high"] = dump(rec(1, value=DEL, qualifier="range", low=1000))
files["no-time"] = dump(rec(0, date=DEL))
files["two-times"] = dump(rec(0, as_of="source"))
files["figures-on-a-milestone"] = dump(rec(0, indicator="it-workforce", value=3, qualifier="exact"))
files["observation-without-entity"] = dump(rec(1, entities=[]))
d = base(); d["sources"][0]["text_file"] = "../seeds/lee.txt"; files["text-file-with-folders"] = dump(d)
files["integer-beyond-2-53"] = valid.replace('"value": 100000', '"value": 9007199254740993', 1)
files["number-out-of-range"] = valid.replace('"value": 100000', '"value": 1e400', 1)
files["figure-too-large"] = valid.replace('"value": 100000', '"value": 1e300', 1)
files["negative-zero"] = valid.replace('"value": 100000', '"value": -0', 1)
files["deep-nesting"] = valid.replace('"records": [', '"records": [' + "[" * 5000 + "]" * 5000 + ",", 1)
files["escape-in-source-reference"] = dump(rec(0, source="\u001b]52;c;cHduZWQ=\u0007\u001b[2J"))
files["c1-csi-in-entity-reference"] = dump(rec(0, entities=["koryolink", "\u009b2J\u009d0;pwned\u009c"]))
files["bidi-override-in-record-id"] = dump(rec(0, id="koryolink\u202elaunch\u2066"))
files["escape-in-unknown-field-name"] = dump(rec(0, **{"\u001b[2Jnote": "x"}))
files["escape-in-category"] = dump(rec(0, category="\u001b[31mmobile"))
files["escape-in-date"] = dump(rec(0, date="\u001b[2J1997"))
files["escape-in-indicator-reference"] = dump(rec(1, indicator="it-\u001b[5mworkforce"))
files["invisible-title"] = dump(rec(0, title="\u200b\u200b"))
files["braille-blank-quote"] = dump(rec(0, quote="\u2800\u2800 \u2800"))
d = base(); d["entities"][1]["name"] = "\ufeff\u2060"; files["invisible-entity-name"] = dump(d)
d = base(); d["entities"].append({"id": "dprk\u200b", "name": "Also North Korea", "kind": "country"}); files["id-with-invisible-character"] = dump(d)
files["id-with-capitals-and-space"] = dump(rec(0, id="Koryolink Launch"))
files["empty-tag"] = dump(rec(0, tags=["3g", ""]))
d = base(); d["sources"][0]["authors"] = ["Hyung-Seog Lee", " "]; files["blank-author"] = dump(d)
files["tag-listed-twice"] = dump(rec(0, tags=["3g", "mobile", "3g"]))
files["long-id"] = dump(rec(0, id="x" * 5000))
files["long-unknown-variant"] = dump(rec(0, kind="m" * 5000))
files["long-unknown-field"] = dump(rec(0, **{"n" * 5000: "x"}))
d = base()
r = d["records"][0]
d["records"] = [dict(r) for _ in range(30)]
files["many-duplicate-ids"] = dump(d)
d = base()
d["records"] = [dict(d["records"][0], id="r%d" % i, source="s%d" % (i % 3)) for i in range(25)]
files["many-dangling-sources"] = dump(d)
for name, text in files.items():
    with open(name + ".json", "w", encoding="utf-8") as f:
        f.write(text)
# byte-level cases
raw = valid.encode()
open("invalid-utf8.json", "wb").write(raw.replace(b"Mobile", b"Mo\xffbile", 1))
open("overlong-utf8.json", "wb").write(raw.replace(b"Mobile", b"Mo\xc0\xafbile", 1))
open("utf16-with-bom.json", "wb").write(b"\xff\xfe" + valid.encode("utf-16-le"))
open("bom-then-array.json", "wb").write(b"\xef\xbb\xbf[]\n")
open("raw-control-in-string.json", "wb").write(raw.replace(b"Mobile", b"Mo\x1b[2Jbile", 1))
open("nul-byte.json", "wb").write(raw.replace(b'"Mobile"', b'"Mo\x00bile"', 1))
print(len(os.listdir(".")))
