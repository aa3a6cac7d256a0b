#!/usr/bin/env python3
"""Writes the notebooks (without outputs) from the cell sources in this folder.

Each notebook is a file NN-name.java here: cells separated by lines '//// markdown' or '//// code'.
Run from the repository root:  /usr/bin/python3 notebooks/src/build.py
then execute them (notebooks/README.md) to fill in their outputs.
"""
import json, pathlib, re

here = pathlib.Path(__file__).resolve().parent
setup = (here / "_setup.txt").read_text().strip("\n")
for src in sorted(here.glob("*.java")):
    cells, kind, lines = [], None, []
    def flush():
        if kind is not None:
            text = "\n".join(lines).strip("\n")
            cells.append({"cell_type": kind, "metadata": {}, "source": text.splitlines(keepends=True),
                          **({"execution_count": None, "outputs": []} if kind == "code" else {})})
    for line in src.read_text().replace("@SETUP@", setup).splitlines():
        m = re.fullmatch(r"//// (markdown|code)", line)
        if m:
            flush(); kind, lines = m.group(1), []
        else:
            lines.append(line[3:] if kind == "markdown" and line.startswith("// ") else ("" if kind == "markdown" and line == "//" else line))
    flush()
    for i, c in enumerate(cells):
        c["id"] = f"{src.stem[:2]}-{i:02d}"
    nb = {"cells": cells,
          "metadata": {"kernelspec": {"display_name": "Nightshift (Java 17, Spark)", "language": "java", "name": "nightshift"},
                       "language_info": {"name": "java", "file_extension": ".jshell", "mimetype": "text/x-java-source"}},
          "nbformat": 4, "nbformat_minor": 5}
    out = here.parent / (src.stem + ".ipynb")
    out.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n")
    print("wrote", out)
