import '@mantine/core/styles.css';
import '@mantine/charts/styles.css';
import '@mantine/dropzone/styles.css';
import { createTheme, CSSVariablesResolver, MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import './i18n';

// WCAG 2.1 AA contrast (4.5:1) for text on white and on the light variants: darker shades than Mantine's defaults.
// Motion follows the user's setting (prefers-reduced-motion): no sliding panels for those who asked for none.
const theme = createTheme({ primaryColor: 'blue', primaryShade: 9, respectReducedMotion: true });
const contrast: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-blue-light-color': 'var(--mantine-color-blue-9)',
    '--mantine-color-blue-light': 'var(--mantine-color-blue-0)',
    '--mantine-color-blue-light-hover': 'var(--mantine-color-blue-1)',
    '--mantine-color-green-light-color': '#1e6b30',
    '--mantine-color-green-outline': '#1e6b30',
    '--mantine-color-green-filled': '#1e6b30',
    '--mantine-color-green-text': '#1e6b30',
    '--mantine-color-red-light-color': 'var(--mantine-color-red-9)',
    '--mantine-color-orange-light-color': '#a33e00',
    '--mantine-color-yellow-light-color': '#7a4a00',
    '--mantine-color-orange-outline': '#a33e00',
    '--mantine-color-orange-filled': '#a33e00',
    '--mantine-color-orange-text': '#a33e00',
    '--mantine-color-gray-light-color': 'var(--mantine-color-gray-8)',
    '--mantine-color-anchor': 'var(--mantine-color-blue-8)',
  },
  dark: {},
});

const queries = new QueryClient({
  defaultOptions: { queries: { retry: (count, error) => count < 2 && !(error as { status?: number }).status, staleTime: 5_000 } },
});

const root = document.getElementById('root');
if (!root) throw new Error('the page has no #root element');
createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={contrast}>
      <QueryClientProvider client={queries}>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
