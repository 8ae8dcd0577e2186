-- Every request starts a new session: a POST without a cookie.
wrk.method = "POST"
wrk.body = "do=connect&version=0"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["HX-Request"] = "true"
