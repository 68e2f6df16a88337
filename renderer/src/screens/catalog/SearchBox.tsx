import { useEffect, useState } from 'react';

/** A search field that tells its screen what to look for once typing pauses. */
export function SearchBox({ label, onSearch, testId }: { label: string; onSearch(text: string): void; testId?: string }) {
  const [text, setText] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => onSearch(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text, onSearch]);
  return (
    <input
      type="search"
      className="input catalog-search"
      placeholder={label}
      aria-label={label}
      value={text}
      onChange={(e) => setText(e.target.value)}
      data-testid={testId}
    />
  );
}
