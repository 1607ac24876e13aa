"""The county office's supervision (县/市级政务公开办): roster, deadlines, 先备案后公布, findings, figures."""
