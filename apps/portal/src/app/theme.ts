import type { ThemeConfig } from 'antd';

/**
 * A government back-office look: one blue with AA contrast on white (#1d4ed8: 6.7:1; hover and active darker
 * still), secondary text darkened from antd's default so that it passes WCAG AA (4.5:1) too.
 */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1d4ed8',
    colorLink: '#1d4ed8',
    // antd lightens the primary for hover; the lighter blue under white text falls below 4.5:1, so darken instead.
    colorPrimaryHover: '#1e40af',
    colorPrimaryActive: '#1e3a8a',
    colorLinkHover: '#1e40af',
    // The ring around a focused field: antd's default (8 % opaque) is all but invisible; keyboard users need to see it.
    controlOutline: 'rgba(29, 78, 216, 0.45)',
    controlOutlineWidth: 2,
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    colorError: '#c0262d',
    colorSuccess: '#237804',
    colorWarning: '#ad4e00',
    borderRadius: 4,
  },
};
