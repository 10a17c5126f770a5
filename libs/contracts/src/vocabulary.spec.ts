import { ApplicationStage } from './gen/aeo/accreditation/v1/events_pb';
import { ComplianceState } from './gen/aeo/conduct_compliance/v1/events_pb';
import { SizeClass } from './gen/aeo/platform/v1/common_pb';
import { APPLICATION_STAGE_WIRE, COMPLIANCE_STATE_WIRE, isMsme, SIZE_CLASS_WIRE, SIZE_CLASSES } from './vocabulary';

describe('the closed lists, as words and on the wire', () => {
  it('map every size class to its enum and back; unknown is unspecified', () => {
    expect(SIZE_CLASSES.map((s) => SIZE_CLASS_WIRE.toWire(s))).toEqual([SizeClass.MICRO, SizeClass.SMALL, SizeClass.MEDIUM, SizeClass.LARGE]);
    expect(SIZE_CLASSES.map((s) => SIZE_CLASS_WIRE.fromWire(SIZE_CLASS_WIRE.toWire(s)))).toEqual([...SIZE_CLASSES]);
    expect(SIZE_CLASS_WIRE.toWire(null)).toBe(SizeClass.UNSPECIFIED);
    expect(SIZE_CLASS_WIRE.toWire('')).toBe(SizeClass.UNSPECIFIED);
    expect(SIZE_CLASS_WIRE.toWire('gigantic')).toBe(SizeClass.UNSPECIFIED);
    expect(SIZE_CLASS_WIRE.fromWire(SizeClass.UNSPECIFIED)).toBeNull();
    expect(SIZE_CLASS_WIRE.fromWire(99 as SizeClass)).toBeNull();
  });

  it('map compliance states and application stages, words with underscores included', () => {
    expect(COMPLIANCE_STATE_WIRE.toWire('blocking')).toBe(ComplianceState.BLOCKING);
    expect(COMPLIANCE_STATE_WIRE.fromWire(ComplianceState.WARNING)).toBe('warning');
    expect(APPLICATION_STAGE_WIRE.toWire('information_requested')).toBe(ApplicationStage.INFORMATION_REQUESTED);
    expect(APPLICATION_STAGE_WIRE.fromWire(ApplicationStage.UNDER_REVIEW)).toBe('under_review');
  });

  it('count micro, small and medium as MSMEs, and nothing else', () => {
    expect(['micro', 'small', 'medium', 'large', '', null, undefined].map(isMsme)).toEqual([true, true, true, false, false, false, false]);
  });
});
