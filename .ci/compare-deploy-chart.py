#!/usr/bin/env python3
"""Checks that the Helm chart with default values renders the same objects as the
kustomize base: same kinds and names, same RBAC rules, Deployment and Service specs.
Labels, annotations and selectors may differ (Helm adds its standard labels), and the
Namespace object exists only in deploy/ (Helm installs into the release namespace).

Usage: compare-deploy-chart.py KUSTOMIZE_OUTPUT.yaml HELM_TEMPLATE_OUTPUT.yaml
Exit status 0 when equivalent, 1 with every difference listed otherwise."""
import sys

import yaml


def load(path):
    with open(path, encoding="utf-8") as handle:
        objects = [doc for doc in yaml.safe_load_all(handle) if doc]
    return {(obj["kind"], obj["metadata"]["name"]): obj for obj in objects if obj["kind"] != "Namespace"}


def normalised(obj):
    """The object without the parts allowed to differ."""
    obj = yaml.safe_load(yaml.safe_dump(obj))  # deep copy
    obj["metadata"].pop("labels", None)
    obj["metadata"].pop("annotations", None)
    spec = obj.get("spec", {})
    if obj["kind"] in ("Deployment", "Service"):
        spec.pop("selector", None)
    if obj["kind"] == "Deployment":
        spec["template"]["metadata"].pop("labels", None)
    return obj


def differences(left, right, path=""):
    if isinstance(left, dict) and isinstance(right, dict):
        for key in sorted(set(left) | set(right)):
            if key not in left:
                yield f"{path}.{key}: only in the chart"
            elif key not in right:
                yield f"{path}.{key}: only in deploy/"
            else:
                yield from differences(left[key], right[key], f"{path}.{key}")
    elif isinstance(left, list) and isinstance(right, list) and len(left) == len(right):
        for index, (a, b) in enumerate(zip(left, right)):
            yield from differences(a, b, f"{path}[{index}]")
    elif left != right:
        yield f"{path}: deploy/ has {left!r}, the chart has {right!r}"


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    kustomize, helm = load(sys.argv[1]), load(sys.argv[2])
    problems = []
    for key in sorted(set(kustomize) | set(helm)):
        name = "/".join(key)
        if key not in helm:
            problems.append(f"{name}: in deploy/ but not rendered by the chart")
        elif key not in kustomize:
            problems.append(f"{name}: rendered by the chart but not in deploy/")
        else:
            problems += [f"{name}{d}" for d in differences(normalised(kustomize[key]), normalised(helm[key]))]
    for problem in problems:
        print(f"ERROR   {problem}")
    print(f"deploy/ and charts/vigil: {len(kustomize)} object(s) compared, {len(problems)} difference(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
