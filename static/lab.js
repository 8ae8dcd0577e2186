// TCP Lab's own behaviour; no eval, no inline handlers (CSP).
