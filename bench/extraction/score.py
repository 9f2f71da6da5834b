#!/usr/bin/env python3
"""Scores predictions {id: {"text": ...}} against OUT/truth.json.

trafilatura layout: snippets in/out of the whitespace-normalised text, P/R/F1
over the totals (trafilatura's tests/evaluate.py). article-extraction-
benchmark: per page precision and recall of word 4-gram shingles, averaged
over pages, F1 from the averages (its evaluate.py).
Prints one JSON line {"precision", "recall", "f1"}.
"""
import json, re, sys

def shingles(text, n=4):
    words = text.lower().split()
    if len(words) < n:
        return {' '.join(words)} if words else set()
    return {' '.join(words[i:i + n]) for i in range(len(words) - n + 1)}

def main(truth_path, pred_path):
    truth = json.load(open(truth_path))
    pred = json.load(open(pred_path))
    if truth['layout'] == 'trafilatura':
        tp = fn = fp = tn = 0
        for pid, item in truth['pages'].items():
            text = pred.get(pid, {}).get('text')
            if text is None:
                fn += len(item['with']); tn += len(item['without']); continue
            text = re.sub(r'\s+', ' ', text)
            for s in item['with']:
                if s in text: tp += 1
                else: fn += 1
            for s in item['without']:
                if s in text: fp += 1
                else: tn += 1
        p = tp / (tp + fp) if tp + fp else 0
        r = tp / (tp + fn) if tp + fn else 0
    else:
        ps, rs = [], []
        for pid, item in truth['pages'].items():
            want = shingles(item['articleBody'])
            got = shingles(pred.get(pid, {}).get('text') or '')
            common = len(want & got)
            ps.append(common / len(got) if got else (1.0 if not want else 0.0))
            rs.append(common / len(want) if want else (1.0 if not got else 0.0))
        p = sum(ps) / len(ps)
        r = sum(rs) / len(rs)
    f1 = 2 * p * r / (p + r) if p + r else 0
    print(json.dumps({'precision': round(p, 4), 'recall': round(r, 4), 'f1': round(f1, 4)}))

if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
