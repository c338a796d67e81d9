import { NavLink } from 'react-router-dom';
import type { NavSection } from '../navigation/navigation.js';

interface SiteNavigationProps {
  sections: NavSection[];
  open: boolean;
}

/** The main menu; NavLink marks the current page with `aria-current="page"`. */
export function SiteNavigation({ sections, open }: SiteNavigationProps) {
  return (
    <nav id="site-navigation" className={open ? 'site-nav is-open' : 'site-nav'} aria-label="Main">
      {sections.map((section) => (
        <div className="nav-section" key={section.id}>
          <h2 className="nav-heading" id={`nav-${section.id}`}>
            {section.heading}
          </h2>
          <ul aria-labelledby={`nav-${section.id}`}>
            {section.items.map((item) => (
              <li key={item.id}>
                <NavLink to={item.href} className="nav-link">
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
