import { CenterConfig, CourseMixItem } from '../types';
export function physicalLimit(center: CenterConfig, mix: CourseMixItem[], year: number): { courses: number; roomBound: number; beamBound: number; anesthesiaBound: number } {
  void center; void mix; void year;
  throw new Error('not implemented yet');
}
