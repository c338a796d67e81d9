export function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="site-footer-inner">
        <p>
          <strong>Tessera</strong>: open-source micro-credentials on Open Badges 3.0, CLR 2.0 and W3C Verifiable
          Credentials.
        </p>
        <ul className="footer-links">
          {/* Served by the API server itself, so plain links rather than in-app routes. */}
          <li>
            <a href="/docs">API documentation</a>
          </li>
          <li>
            <a href="/openapi.json">OpenAPI description</a>
          </li>
        </ul>
      </div>
    </footer>
  );
}
