/** The payments product kind of a paid benefit voucher (its own file: product.ts and figures.ts both name it). */
export const VOUCHER_PRODUCT = 'benefit_voucher';
