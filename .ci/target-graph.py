#!/usr/bin/env python3
"""Prints Shiplog's own targets and what each links, from `cmake --graphviz` (the block in
ARCHITECTURE.md). Usage: .ci/target-graph.py [BUILD_DIR]   (default build/release, configured)."""
import os
import re
import subprocess
import sys
import tempfile

build = sys.argv[1] if len(sys.argv) > 1 else "build/release"
with tempfile.TemporaryDirectory() as tmp:
    subprocess.run(["cmake", f"--graphviz={tmp}/graph.dot", "."], cwd=build, check=True, stdout=subprocess.DEVNULL)
    dot = open(os.path.join(tmp, "graph.dot")).read()
nodes=dict(re.findall(r'"(node\d+)" \[ label = "([^"]+)"',dot))
edges=re.findall(r'"(node\d+)" -> "(node\d+)"(?: \[ style = (\w+) \])?',dot)
ours=lambda n: n.startswith('shiplog') and not n.endswith('_linkcheck') and n not in ('shiplog_testsupport',)
ext={'PkgConfig::LIBGIT2':'libgit2','yaml-cpp':'yaml-cpp','Qt6::Network':'Qt Network','Qt6::Widgets':'Qt Widgets','Qt6::Concurrent':'Qt Concurrent','Qt6::Core':'Qt Core','Qt6::HttpServer':'Qt HttpServer','qt6keychain\\n(Qt6Keychain::Qt6Keychain)':'QtKeychain','KF5::SyntaxHighlighting':'KSyntaxHighlighting','KF6::SyntaxHighlighting':'KSyntaxHighlighting','Qt6::Svg':'Qt Svg'}
out={}
for a,b,style in edges:
    la,lb=nodes[a],nodes[b]
    if not ours(la): continue
    if ours(lb) or lb in ext:
        kind={'dotted':'PRIVATE','dashed':'INTERFACE'}.get(style,'PUBLIC')
        out.setdefault(la,[]).append((ext.get(lb,lb),kind))
order=['shiplog','shiplog_demo_launch','shiplog_ui','shiplog_core','shiplog_demo','shiplog_forge','shiplog_drift','shiplog_environment_compare','shiplog_kube','shiplog_diff','shiplog_environment','shiplog_parse_cache','shiplog_manifest','shiplog_jobs','shiplog_git','shiplog_common']
for t in order+[t for t in out if t not in order]:
    if t in out:
        deps=sorted(set(out[t]),key=lambda x:(x[1],x[0]))
        pub=[d for d,k in deps if k!='PRIVATE']; pri=[d for d,k in deps if k=='PRIVATE']
        print(f"{t:22s} → "+", ".join(pub)+("" if not pri else ("; private: " if pub else "private: ")+", ".join(pri)))
