import { useMemo, useRef, useState } from 'preact/hooks';

export interface ComboOption {
  value: string;
  label: string;
  /** Extra text matched when typing (e.g. identifier, email). */
  keywords?: string;
}

interface Props {
  /** Accessible name of the input. */
  label: string;
  options: readonly ComboOption[];
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  disabled?: boolean;
  /** How many matches to render at once; a CW site can have 1000+ members. */
  limit?: number;
}

let seq = 0;

/** An editable combobox (WAI-ARIA 1.2 list autocomplete): type to filter, arrows + Enter or click to pick. */
export function Combobox({ label, options, value, onChange, placeholder, disabled, limit = 50 }: Props) {
  const [uid] = useState(() => `fp-combo-${++seq}`);
  const selected = options.find((o) => o.value === value);
  const [text, setText] = useState<string | null>(null); // null: show the selected label
  const [open, setOpen] = useState(false);
  /** The highlighted option; -1 = none yet (opened by click or arrow), 0 after typing (auto-select). */
  const [active, setActive] = useState(-1);
  const inputRef = useRef<HTMLInputElement>(null);

  const matches = useMemo(() => {
    const q = (text ?? '').trim().toLowerCase();
    const hits = q
      ? options.filter((o) => `${o.label} ${o.keywords ?? ''}`.toLowerCase().includes(q))
      : options;
    return hits.slice(0, limit);
  }, [options, text, limit]);

  const pick = (o: ComboOption) => {
    onChange(o.value);
    setText(null);
    setOpen(false);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      // Opening with the first ArrowDown lands on the first option, not the second.
      const from = open ? active : -1;
      setOpen(true);
      setActive(Math.min(from + 1, matches.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter' && open) {
      e.preventDefault();
      const o = matches[active];
      if (o) pick(o);
    } else if (e.key === 'Escape') {
      setText(null);
      setOpen(false);
    }
  };

  return (
    <div class="fp-combo">
      <input
        ref={inputRef}
        type="text"
        role="combobox"
        aria-label={label}
        aria-expanded={open}
        aria-controls={`${uid}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open && matches[active] ? `${uid}-opt-${active}` : undefined}
        autocomplete="off"
        placeholder={placeholder}
        disabled={disabled}
        value={text ?? selected?.label ?? ''}
        onInput={(e) => {
          setText((e.currentTarget as HTMLInputElement).value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={(e) => (e.currentTarget as HTMLInputElement).select()}
        onClick={() => {
          if (!open) setActive(-1);
          setOpen(true);
        }}
        onKeyDown={onKey}
        onBlur={() =>
          // Let a click on an option land before closing.
          setTimeout(() => {
            setOpen(false);
            setText(null);
          }, 150)
        }
      />
      {open && (
        <div id={`${uid}-list`} role="listbox" aria-label={`${label} options`} class="fp-combo__list">
          {matches.length === 0 && <div class="fp-combo__empty">No match</div>}
          {matches.map((o, i) => (
            // Keyboard use goes through the input (aria-activedescendant), so options only need clicks.
            // biome-ignore lint/a11y/useKeyWithClickEvents: see above
            <div
              key={o.value}
              tabIndex={-1}
              id={`${uid}-opt-${i}`}
              role="option"
              aria-selected={o.value === value}
              class={`fp-combo__opt${i === active ? ' is-active' : ''}`}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(o)}
            >
              {o.label}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
