import { changedFields } from './notified-changes';

class AddressDto {
  street = '1 Harbour Road';
  city = 'Durban';
  postalCode = '4001';
  country = 'ZA';
}

describe('the fields a notified change changes', () => {
  const stored = { postalCode: '4001', city: 'Durban', country: 'ZA', street: '1 Harbour Road' }; // jsonb's own key order

  it('finds nothing changed when the same details come back with their keys in another order', () => {
    expect(changedFields({ address: stored, legalName: 'Ubuntu Freight' }, { address: new AddressDto(), legalName: 'Ubuntu Freight' })).toEqual({});
  });

  it('gives before and after of each field that changed, and ignores fields not proposed', () => {
    const moved = Object.assign(new AddressDto(), { city: 'Pietermaritzburg' });
    expect(changedFields({ address: stored, employees: 35, sites: [] }, { address: moved, employees: undefined, sites: [{ name: 'Depot' }] })).toEqual({
      address: { before: stored, after: { street: '1 Harbour Road', city: 'Pietermaritzburg', postalCode: '4001', country: 'ZA' } },
      sites: { before: [], after: [{ name: 'Depot' }] },
    });
  });

  it('tells a number from the same digits as text, and an order of list items from another', () => {
    expect(Object.keys(changedFields({ annualTurnover: 100, tradingNames: ['A', 'B'] }, { annualTurnover: '100', tradingNames: ['B', 'A'] }))).toEqual([
      'annualTurnover',
      'tradingNames',
    ]);
  });

  it('counts a field first given as a change from nothing', () => {
    expect(changedFields({ ownership: undefined }, { ownership: 'sold to X' })).toEqual({ ownership: { before: null, after: 'sold to X' } });
  });
});
