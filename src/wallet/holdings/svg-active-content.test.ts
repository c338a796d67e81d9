import { describe, expect, it } from 'vitest';
import { findActiveSvgContent } from './svg-active-content.js';

const svg = (inner: string, attributes = '') => `<svg xmlns="http://www.w3.org/2000/svg"${attributes}>${inner}</svg>`;

describe('active content in SVG badge images', () => {
  it('finds scripts, handlers, script links, embedded HTML and entity declarations', () => {
    expect(findActiveSvgContent(svg('<script>alert(1)</script>'))).toMatch(/script/);
    expect(findActiveSvgContent(svg('<svg:script href="x.js"/>'))).toMatch(/script/);
    expect(findActiveSvgContent(svg('<rect/>', ' onload="alert(1)"'))).toMatch(/event-handler/);
    expect(findActiveSvgContent(svg('<a href="javascript:alert(1)"><text>x</text></a>'))).toMatch(/script link/);
    expect(findActiveSvgContent(svg('<foreignObject><div>html</div></foreignObject>'))).toMatch(/embedded/);
    expect(findActiveSvgContent(`<!DOCTYPE svg [<!ENTITY x "y">]>${svg('<rect/>')}`)).toMatch(/entity/);
  });

  it('passes plain pictures, and ignores the baked credential text (data, never markup)', () => {
    expect(findActiveSvgContent(svg('<rect width="10" height="10" fill="teal"/><text>Scripting 101</text>'))).toBeNull();
    const baked = svg('<openbadges:credential><![CDATA[{"name":"<script> onload= in a credential name"}]]></openbadges:credential><circle r="4"/>', ' xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"');
    expect(findActiveSvgContent(baked)).toBeNull();
  });
});
