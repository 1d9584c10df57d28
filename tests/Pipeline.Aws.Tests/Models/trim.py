#!/usr/bin/env python3
"""Keeps from an AWS API model (botocore's service-2.json) the operations our clients send and every shape they
reach (inputs, outputs, errors), so the tests check against the official shapes without carrying the whole model.
Usage: trim.py <service-2.json> <out.json> <Operation>..."""
import json, sys

model = json.load(open(sys.argv[1]))
operations = sys.argv[3:]
shapes, todo = {}, []
for op in operations:
    o = model["operations"][op]
    todo += [o[k]["shape"] for k in ("input", "output") if k in o] + [e["shape"] for e in o.get("errors", [])]
while todo:
    name = todo.pop()
    if name in shapes:
        continue
    shape = model["shapes"][name]
    shapes[name] = shape
    todo += [m["shape"] for m in shape.get("members", {}).values()]
    todo += [shape[k]["shape"] for k in ("member", "key", "value") if k in shape]
out = {"version": model.get("version"), "metadata": model["metadata"],
       "operations": {op: model["operations"][op] for op in operations}, "shapes": dict(sorted(shapes.items()))}
json.dump(out, open(sys.argv[2], "w"), indent=1, sort_keys=False)
