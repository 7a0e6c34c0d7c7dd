# See README.md for what each target does and the knobs (BENCH_DIR, FRAPPE_PATH, FRAPPE_BRANCH, SITE, WEB_PORT).
.PHONY: demo test lint bench permissions benchmark previews scale
demo:
	scripts/demo.sh
test:
	scripts/test.sh
lint:
	scripts/lint.sh
bench:
	scripts/setup.sh bench
permissions:
	python3 scripts/permission_matrix.py
previews:
	scripts/previews.sh
benchmark:
	cd $${BENCH_DIR:-$$HOME/frappe-bench} && bench --site $${SITE:-antara.localhost} execute antara_sales.tests.benchmarks.run
# Issue 13: grow a throwaway site (SITE, with allow_tests; never the demo) to the scale data set, then time
# each role's lists, link search, reports and cards on it (non-zero exit when a target is missed).
scale:
	cd $${BENCH_DIR:-$$HOME/frappe-bench} && bench --site $${SITE:?SITE must name a throwaway site} execute antara_sales.tests.scale.generate --kwargs "$${SCALE_ARGS:-{}}" && bench --site $$SITE execute antara_sales.tests.scale.measure
