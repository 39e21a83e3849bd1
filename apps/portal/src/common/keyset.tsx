import { Button, Flex } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Keyset pages in the page's own state: the API gives each page the cursor of the next one only, so the cursors of
 * the pages before this one are kept to go back along them.
 */
export function useKeysetPages() {
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [trail, setTrail] = useState<(string | undefined)[]>([]);
  return {
    cursor,
    hasPrevious: trail.length > 0,
    next: (nextCursor: string) => {
      setTrail([...trail, cursor]);
      setCursor(nextCursor);
    },
    previous: () => {
      setCursor(trail[trail.length - 1]);
      setTrail(trail.slice(0, -1));
    },
  };
}

/** Previous / next page buttons for keyset pages (nothing when there is only one page). */
export function KeysetPager({
  hasPrevious,
  nextCursor,
  onPrevious,
  onNext,
  size,
}: {
  hasPrevious: boolean;
  nextCursor: string | null | undefined;
  onPrevious: () => void;
  onNext: (nextCursor: string) => void;
  size?: 'small';
}) {
  const { t } = useTranslation();
  if (!hasPrevious && !nextCursor) return null;
  return (
    <Flex justify="flex-end" gap={8} style={{ marginTop: 12 }}>
      <Button size={size} disabled={!hasPrevious} onClick={onPrevious}>
        {t('actions.previous')}
      </Button>
      <Button size={size} disabled={!nextCursor} onClick={() => nextCursor && onNext(nextCursor)}>
        {t('actions.next')}
      </Button>
    </Flex>
  );
}
