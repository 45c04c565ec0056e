// The dashboard's entry: theme, language, session, then the page for the URL.

import { createRoot } from 'react-dom/client';
import { MantineProvider, createTheme } from '@mantine/core';
import './styles';
import { App } from './app';
import { I18nProvider, initialLocale, loadLocale } from './i18n/i18n';
import { SessionProvider } from './session/session';

const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  fontFamily: 'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans JP", "Noto Sans KR", sans-serif',
  headings: { fontWeight: '650' },
  cursorType: 'pointer',
  // A badge in a table cell keeps its whole label instead of shrinking to "ACT…".
  components: { Badge: { styles: { root: { minWidth: 'max-content' } } } },
});

// The admin's language is ready before the first paint: no flash of English.
await loadLocale(initialLocale()).catch(() => undefined);

createRoot(document.getElementById('root') as HTMLElement).render(
  <MantineProvider theme={theme} defaultColorScheme="light">
    <I18nProvider>
      <SessionProvider>
        <App />
      </SessionProvider>
    </I18nProvider>
  </MantineProvider>,
);
