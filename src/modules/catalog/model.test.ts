import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { checkOptions, checkSkuSet } from './model.ts';

const fieldOf = (fn: () => void) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return `${err.code}:${err.field}`;
    throw err;
  }
  return 'ok';
};

describe('options and SKUs', () => {
  const options = [
    { name: '颜色', values: ['红', '蓝'] },
    { name: '尺码', values: ['S', 'M'] },
  ];
  it('accepts one SKU per distinct combination', () => {
    expect(fieldOf(() => checkSkuSet(options, [{ optionValues: { 颜色: '红', 尺码: 'S' } }, { optionValues: { 颜色: '蓝', 尺码: 'S' } }]))).toBe('ok');
  });
  it('names the field of a missing, unknown or repeated option value', () => {
    expect(fieldOf(() => checkSkuSet(options, [{ optionValues: { 颜色: '红' } }]))).toBe('validation_failed:skus.0.optionValues.尺码');
    expect(fieldOf(() => checkSkuSet(options, [{ optionValues: { 颜色: '绿', 尺码: 'S' } }]))).toBe('validation_failed:skus.0.optionValues.颜色');
    expect(fieldOf(() => checkSkuSet(options, [{ optionValues: { 颜色: '红', 尺码: 'S', 材质: '棉' } }]))).toBe('validation_failed:skus.0.optionValues.材质');
    expect(fieldOf(() => checkSkuSet(options, [{ optionValues: { 颜色: '红', 尺码: 'S' } }, { optionValues: { 尺码: 'S', 颜色: '红' } }]))).toBe('validation_failed:skus.1.optionValues');
  });
  it('rejects repeated option names and values', () => {
    expect(fieldOf(() => checkOptions([{ name: 'a', values: ['x'] }, { name: 'a', values: ['y'] }]))).toBe('validation_failed:options.1.name');
    expect(fieldOf(() => checkOptions([{ name: 'a', values: ['x', 'x'] }]))).toBe('validation_failed:options.0.values');
  });
});
