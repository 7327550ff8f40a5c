export * from './companies';
export * from './contests';
export * from './events';
export * from './live-figures';
export * from './ops';
export * from './product-listings';
export * from './products';
export * from './users';
