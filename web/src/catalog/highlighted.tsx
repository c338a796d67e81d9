import { Fragment } from 'react';
import type { Segment } from './catalogue-search.js';

/** Text with the words that matched the search in <mark>; built from data, never from server HTML. */
export function Highlighted({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((segment, index) => (
        <Fragment key={index}>{segment.match ? <mark>{segment.text}</mark> : segment.text}</Fragment>
      ))}
    </>
  );
}
