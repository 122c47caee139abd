#!/usr/bin/env python3
"""Fails when a translation is incomplete: runs lupdate over the sources into a copy of each
.ts file (the committed files stay untouched) and reports every message that is unfinished
there, which covers both an entry nobody translated and a tr() string in the sources that the
.ts does not have yet. Usage: check_translations.py LUPDATE SOURCE_DIR... -- TS_FILE..."""
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path


def unfinished(ts_path):
    problems = []
    root = ET.parse(ts_path).getroot()
    for context in root.iter('context'):
        name = context.findtext('name')
        for message in context.iter('message'):
            translation = message.find('translation')
            kind = translation.get('type') if translation is not None else 'unfinished'
            if kind in ('vanished', 'obsolete'):
                continue
            forms = [f.text for f in translation.iter('numerusform')] if message.get('numerus') == 'yes' else [translation.text]
            if kind == 'unfinished' or any(not (f or '').strip() for f in forms):
                problems.append(f'{name}: {message.findtext("source")!r}')
    return problems


def main():
    args = sys.argv[1:]
    split = args.index('--')
    lupdate, sources, ts_files = args[0], args[1:split], args[split + 1:]
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for ts in ts_files:
            copy = Path(tmp) / Path(ts).name
            shutil.copy(ts, copy)
            result = subprocess.run([lupdate, '-silent', '-locations', 'none', *sources, '-ts', str(copy)],
                                    capture_output=True, text=True)
            if result.returncode != 0:
                print(f'lupdate failed on {ts}:\n{result.stdout}{result.stderr}')
                failed = True
                continue
            problems = unfinished(copy)
            if problems:
                failed = True
                print(f'{Path(ts).name}: {len(problems)} strings without a translation:')
                for problem in problems:
                    print(f'  {problem}')
            else:
                print(f'{Path(ts).name}: complete')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
