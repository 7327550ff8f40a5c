export * from './companies';
export * from './contests';
export * from './ops';
export * from './products';
export * from './users';
