import { describe, expect, it } from 'vitest';
import { snippetParts } from './knowledge';

describe('snippetParts', () => {
  it('keeps the marks as marked parts and reads everything else as text', () => {
    expect(snippetParts('Type &lt;script&gt;x&lt;/script&gt; to <mark>restart</mark> &amp; go')).toEqual([
      { text: 'Type <script>x</script> to ', marked: false },
      { text: 'restart', marked: true },
      { text: ' & go', marked: false },
    ]);
  });

  it('reads numeric entities and leaves stray tags as text', () => {
    expect(snippetParts('&#1089;&#x43b;&#39; <b>x</b>')).toEqual([{ text: "сл' <b>x</b>", marked: false }]);
  });
});
