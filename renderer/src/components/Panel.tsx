import type { ReactNode } from 'react';

/** A titled section of a screen. */
export function Panel(props: { title: ReactNode; aside?: ReactNode; children: ReactNode; id?: string; labelledBy?: string }) {
  const hid = props.id ? `${props.id}-h` : undefined;
  return (
    <section className="panel" aria-labelledby={hid} id={props.id}>
      <header>
        <h2 id={hid}>{props.title}</h2>
        {props.aside && <div className="aside">{props.aside}</div>}
      </header>
      <div className="body">{props.children}</div>
    </section>
  );
}
