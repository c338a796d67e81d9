import { useEffect, type ReactNode } from 'react';

interface PageProps {
  title: string;
  /** Small line above the heading, e.g. the organisation the page belongs to. */
  caption?: string;
  /** One or two sentences under the heading saying what this page is for. */
  lead?: ReactNode;
  /** Buttons or links placed beside the heading. */
  actions?: ReactNode;
  children?: ReactNode;
}

/**
 * The frame of every screen: one `h1` (focused by the layout after a client-side navigation, so screen
 * reader users hear where they arrived) and the document title, which is what browser history and
 * assistive tech announce for the tab.
 */
export function Page({ title, caption, lead, actions, children }: PageProps) {
  useEffect(() => {
    document.title = caption ? `${title} · ${caption} · Tessera` : `${title} · Tessera`;
  }, [title, caption]);

  return (
    <>
      <div className="page-header">
        <div>
          {caption && <p className="page-caption">{caption}</p>}
          <h1 tabIndex={-1}>{title}</h1>
          {lead && <p className="page-lead">{lead}</p>}
        </div>
        {actions && <div className="page-actions">{actions}</div>}
      </div>
      {children}
    </>
  );
}
