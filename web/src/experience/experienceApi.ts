// Calls of NPS (api.ts's errors): the shopper's surveys and answers, the operators', stores' and
// creators' NPS reports.
import { request, withQuery } from '../api';
import type { NpsBucket, NpsReport, NpsScope, Survey, SurveyAnswer, SurveyKind, SurveyList } from '../typesExperience';

const enc = encodeURIComponent;

/** A report's window and buckets; from/to are ISO instants (default: the last 90 days). */
export interface ReportWindow {
  from?: string;
  to?: string;
  bucket?: NpsBucket;
  kind?: SurveyKind;
}

export const experienceApi = {
  pending: (orderId?: string) => request<SurveyList>('GET', withQuery('/api/v1/me/surveys', { orderId })),
  answer: (surveyId: string, body: SurveyAnswer) => request<Survey>('POST', `/api/v1/surveys/${enc(surveyId)}/answer`, body),
  ops: (q: ReportWindow & { scope?: NpsScope; id?: string } = {}) => request<NpsReport>('GET', withQuery('/api/v1/ops/nps', { ...q })),
  store: (storeId: string, q: ReportWindow = {}) => request<NpsReport>('GET', withQuery(`/api/v1/merchant/stores/${enc(storeId)}/nps`, { ...q })),
  creator: (q: ReportWindow = {}) => request<NpsReport>('GET', withQuery('/api/v1/me/creator/nps', { ...q })),
};
