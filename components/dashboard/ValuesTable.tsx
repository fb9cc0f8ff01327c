import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';

interface Props {
  caption: string;
  /** epoch ms */
  times: readonly number[];
  /** The exact text of row i (a formatted decimal). */
  value: (i: number) => string;
  valueHeading: string;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * A chart's values as a table, for keyboard and screen-reader users (and anyone who wants the
 * numbers). Closed at first; its rows are built when it is opened, so 500 tables cost nothing
 * until someone looks at one.
 */
export function ValuesTable({ caption, times, value, valueHeading }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <details
      class="values"
      onToggle={(event) => setOpen((event.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>{t('dashboard_show_table')}</summary>
      {open && (
        <div class="values-scroll">
          <table>
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard_series_time')}</th>
                <th scope="col">{valueHeading}</th>
              </tr>
            </thead>
            <tbody>
              {times.map((time, i) => (
                <tr key={time}>
                  <th scope="row">
                    <time dateTime={new Date(time).toISOString()}>{timeFormat.format(time)}</time>
                  </th>
                  <td>{value(i)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}
