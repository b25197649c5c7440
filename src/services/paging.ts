/** A page request, 1-based, as the list endpoints take it. */
export interface PageRequest {
  page: number;
  pageSize: number;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export const offsetOf = ({ page, pageSize }: PageRequest): number => (page - 1) * pageSize;
