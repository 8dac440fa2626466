// SPDX-License-Identifier: GPL-2.0-only
/// Convert old kernel marker sites, trace_mark(name, "format", args...) and
/// _trace_mark(), into calls of typed tracepoints, trace_name(args...).
/// The tracepoint's prototype comes from the format: "irq %d ip 0x%lx"
/// gives TP_PROTO(int irq, unsigned long ip).  Sites whose arguments call
/// functions are guarded with trace_name_enabled(), because markers did
/// not evaluate their arguments while disabled (in a #define body such a
/// site is only reported: coccinelle/convert wraps it in do { } while (0)).
/// Sites that cannot be converted mechanically (non-literal formats,
/// unnamed or two-argument conversions, argument count mismatch, side
/// effects, conflicting formats for one name, names that are macro
/// parameters or token-pasted, channel forms, a trace_name() that already
/// exists, ...) are reported and left alone.  The patch mode rewrites
/// call sites only: the tracepoint declarations, definitions and the
/// bridges that keep marker probes working are written by
/// coccinelle/convert, which also checks formats across files.
///
// Confidence: Moderate
// Comments: needs coccinelle/lib/markerfmt.py, found next to this file or
//  through MARKERFMT_LIB.
// Options: --no-includes --include-headers
// Requires: 1.1.1

virtual patch
virtual context
virtual org
virtual report
// First pass of coccinelle/convert: record every site.
virtual collect

@initialize:python@
@@
import json
import os
import re
import sys


def _markerfmt_dir():
	d = os.environ.get('MARKERFMT_LIB')
	if d:
		return d
	try:
		with open('/proc/self/cmdline', 'rb') as fd:
			argv = fd.read().decode(errors='replace').split('\0')
	except OSError:
		argv = []
	for i, a in enumerate(argv):
		if a in ('--cocci-file', '--sp-file') and i + 1 < len(argv):
			return os.path.join(os.path.dirname(os.path.abspath(argv[i + 1])), 'lib')
		if a.endswith('trace_mark_to_tracepoint.cocci'):
			return os.path.join(os.path.dirname(os.path.abspath(a)), 'lib')
	return 'lib'


sys.dont_write_bytecode = True
sys.path.insert(0, _markerfmt_dir())
import markerfmt as mf

# Written by coccinelle/convert: only the names it approved are converted.
TM_DB = None
if os.environ.get('MARKER_COCCI_DB'):
	with open(os.environ['MARKER_COCCI_DB']) as fd:
		TM_DB = json.load(fd)
TM_OUT = os.environ.get('MARKER_COCCI_OUT')
TM_NAMING = os.environ.get('MARKER_COCCI_NAMING') or None
if TM_DB is not None:
	TM_NAMING = TM_DB.get('naming')

# Sites by position, trace_* functions by file, names refused so far.
# Names are settled over everything processed in this run, so a name with
# two formats in two files of one run is refused in both (coccinelle/convert
# runs a collect pass first, so that holds for every file under DIR).
tm_sites = {}
tm_by_name = {}
tm_by_file = {}
tm_settled = set()
tm_funcs = {}
tm_refused = {}


def tm_key(p):
	"""A site's place, the key of tm_sites: the site and anysite rules
	bind the same call separately and meet through it."""
	return (p[0].file, int(p[0].line), int(p[0].column))


def tm_in_define(p):
	"""Is the site in a #define body (where spatch cannot lay out the
	lines of a guarded conversion)?"""
	return p[0].current_element == 'something_else'


def tm_macro_params(p):
	"""Parameters of the #define the site sits in, or None."""
	if not tm_in_define(p):
		return None
	try:
		with open(p[0].file) as fd:
			lines = fd.read().split('\n')
	except OSError:
		return None
	i = int(p[0].current_element_line) - 1
	while i > 0 and not lines[i].lstrip().startswith('#') and \
			lines[i - 1].rstrip().endswith('\\'):
		i -= 1
	m = re.match(r'\s*#\s*define\s+\w+\(([^)]*)\)', lines[i] if i >= 0 else '')
	if not m:
		return None
	return [a.strip() for a in m.group(1).split(',')]


def tm_add(p, macro, name, verdict, reason, fmt=None, fields=None, args=()):
	"""Record a classified site.  verdict0/reason0 keep the site's own
	verdict: tm_settle() may overwrite verdict/reason for its name, and
	coccinelle/convert settles names again over the whole of DIR."""
	s = tm_sites[tm_key(p)] = dict(
		file=p[0].file, line=int(p[0].line), col=int(p[0].column),
		macro=macro, name=name, verdict=verdict, reason=reason, fmt=fmt,
		in_define=tm_in_define(p),
		verdict0=verdict, reason0=reason,
		fields=[[f.ctype, f.name, f.spec] for f in fields or []],
		args=[mf.clean_arg(a) for a in args])
	if name:
		tm_by_name.setdefault(name, []).append(s)
		tm_by_file.setdefault(s['file'], set()).add(name)


def tm_add_func(fp, fn):
	"""Record a trace_* function, for mf.collides(): here per file, and in
	the collect output for coccinelle/convert, which checks all of DIR."""
	tm_funcs.setdefault(fp[0].file, set()).add(str(fn))
	if TM_OUT:
		with open(TM_OUT, 'a') as fd:
			fd.write(json.dumps(dict(func=str(fn), file=fp[0].file,
						 line=int(fp[0].line))) + '\n')


def tm_where(s, other):
	"""Where other is, as s's report names it: a line of the same file,
	or file:line."""
	if other['file'] == s['file']:
		return f"line {other['line']}"
	return f"{other['file']}:{other['line']}"


def tm_settle(path):
	"""Refuse every site of a name that has a refused or different site.

	Once per file, over the names the file uses (and their sites in the
	files processed before it)."""
	if path in tm_settled:
		return
	tm_settled.add(path)
	for name in tm_by_file.get(path, ()):
		refused, stays = mf.settle_name(name, tm_by_name[name])
		for s, reason, other in stays:
			s['verdict'] = mf.REPORT
			s['reason'] = reason.replace('{ref}', tm_where(s, other))
		if refused:
			tm_refused[name] = True


def tm_message(s):
	"""The report/org line of site s, in the words of its verdict."""
	what = f"{s['macro']}({s['name'] or '...'})"
	if s['verdict'] == mf.REPORT:
		return f"{what} left alone: {s['reason']}"
	if TM_DB is not None and s['name'] not in TM_DB['names']:
		return f'{what} left alone: refused by coccinelle/convert'
	if s['verdict'] == mf.GUARD and s['in_define'] and TM_DB is None:
		return (f'{what} left alone: guarded site in a #define body; '
			'coccinelle/convert wraps it in do { } while (0)')
	how = f"trace_{s['name']}()"
	if s['verdict'] == mf.GUARD:
		how += f" under trace_{s['name']}_enabled()"
	return f'{what} can become tracepoint {how}'


def tm_decide(tm, nm, f, args, kind):
	"""Constraint of the patch rules: convert this site as kind?"""
	nm = str(nm)
	if TM_DB is not None:
		if nm not in TM_DB['names']:
			return False
	elif nm in tm_refused:
		return False
	elems = list(args.elements) if args is not None else []
	verdict = mf.classify_site(str(tm), nm, str(f), [str(e) for e in elems],
				   TM_NAMING)[0]
	return verdict == kind

// ---------------------------------------------------------------------
// Collect: functions (for collisions with trace_NAME), then every site.

@fdef@
identifier fn =~ "^trace_";
type T;
position fp;
@@
T fn@fp(...) { ... }

@script:python@
fn << fdef.fn;
fp << fdef.fp;
@@
tm_add_func(fp, fn)

@fdecl@
identifier fn =~ "^trace_";
type T;
position fp;
@@
T fn@fp(...);

@script:python@
fn << fdecl.fn;
fp << fdecl.fp;
@@
tm_add_func(fp, fn)

@site@
identifier tm =~ "^_?trace_mark$";
identifier nm;
constant f;
expression list[n] args;
position p;
@@
tm@p(nm, f, args)

@script:python@
tm << site.tm;
nm << site.nm;
f << site.f;
args << site.args;
p << site.p;
@@
elems = [str(e) for e in args.elements]
verdict, reason, fmt, fields = mf.classify_site(tm, nm, f, elems, TM_NAMING)
params = tm_macro_params(p)
if params is not None and nm in params:
	verdict = mf.REPORT
	reason = (f'marker name "{nm}" is a parameter of the enclosing macro; '
		  'convert by hand')
elif verdict != mf.REPORT and mf.collides(nm, tm_funcs.get(p[0].file, ())):
	verdict = mf.REPORT
	reason = f'trace_{nm}() already exists in this file; convert by hand'
tm_add(p, tm, nm, verdict, reason, fmt, fields, elems)

@anysite@
identifier tm =~ "^(_?_?trace_mark|trace_mark_tp)$";
expression list args;
position p;
@@
tm@p(args)

@script:python@
tm << anysite.tm;
args << anysite.args;
p << anysite.p;
@@
if tm_key(p) not in tm_sites:
	elems = [str(e) for e in args.elements]
	tm_add(p, tm, mf.marker_name(str(tm), elems), mf.REPORT,
	       mf.classify_other(tm, elems))

// The whole file has been classified: settle names, then report.

@script:python@
p << anysite.p;
@@
tm_settle(p[0].file)

@script:python depends on report@
p << anysite.p;
@@
s = tm_sites.get(tm_key(p))
if s:
	coccilib.report.print_report(p[0], 'WARNING: ' + tm_message(s))

@script:python depends on org@
p << anysite.p;
@@
s = tm_sites.get(tm_key(p))
if s:
	cocci.print_main(tm_message(s), p)

@script:python depends on collect@
p << anysite.p;
@@
s = tm_sites.get(tm_key(p))
if s and TM_OUT:
	with open(TM_OUT, 'a') as fd:
		fd.write(json.dumps(s) + '\n')

@depends on context@
identifier anysite.tm;
position anysite.p;
@@
* tm@p(...)

// ---------------------------------------------------------------------
// Patch: delete the prefix only, so the arguments keep their spelling.
// A guarded conversion is a statement over several lines; in a #define
// body spatch would drop the line continuations, and a bare if there would
// take the else of an if around the macro's use.  So guarded sites in
// #define bodies are left to coccinelle/convert (do { } while (0)).

@depends on patch@
identifier tm =~ "^_?trace_mark$";
identifier nm;
constant f;
expression list args : script:python (tm, nm, f) {
	tm_decide(tm, nm, f, args, mf.GUARD)
};
position p : script:python () { not tm_in_define(p) };
fresh identifier tp = "trace_" ## nm;
fresh identifier en = "trace_" ## nm ## "_enabled";
@@
- tm@p(nm, f, args);
+ if (en())
+	tp(args);

@depends on patch@
identifier tm =~ "^_?trace_mark$";
identifier nm;
constant f;
expression list args : script:python (tm, nm, f) {
	tm_decide(tm, nm, f, args, mf.PLAIN)
};
fresh identifier tp = "trace_" ## nm;
@@
- tm
+ tp
  (
- nm, f,
  args)

@depends on patch@
identifier tm =~ "^_?trace_mark$";
identifier nm;
constant f : script:python (tm, nm) {
	tm_decide(tm, nm, f, None, mf.NOARGS)
};
fresh identifier tp = "trace_" ## nm;
@@
- tm(nm, f)
+ tp(0)
