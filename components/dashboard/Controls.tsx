import { t } from '@/lib/i18n';
import { type Grouping, RANGES, type RangeId, rangeLabel } from '@/lib/view/dashboard';

interface Props {
  range: RangeId;
  onRange(range: RangeId): void;
  grouping: Grouping;
  onGrouping(grouping: Grouping): void;
}

/** The range (a radio group: arrow keys move through it) and how the charts are grouped. */
export function Controls({ range, onRange, grouping, onGrouping }: Props) {
  return (
    <div class="controls">
      <fieldset class="ranges">
        <legend>{t('dashboard_range_label')}</legend>
        {RANGES.map((id) => (
          <label key={id}>
            <input
              type="radio"
              name="range"
              value={id}
              checked={range === id}
              onChange={() => onRange(id)}
            />
            <span>{rangeLabel(id)}</span>
          </label>
        ))}
      </fieldset>
      <label class="grouping">
        {t('dashboard_group_label')}{' '}
        <select
          value={grouping}
          onChange={(event) =>
            onGrouping((event.currentTarget as HTMLSelectElement).value as Grouping)
          }
        >
          <option value="unit">{t('dashboard_group_unit')}</option>
          <option value="provider">{t('dashboard_group_provider')}</option>
        </select>
      </label>
    </div>
  );
}
