import { useMutation, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { ownTrainerId, type FeedOwner } from "../rules/subscription";

/** Issue the feed's link (POST .../token): the API answers `{url, token, issuedAt}` and revokes the old token. */
export function useIssueSubscription(owner: FeedOwner, ownerId: string) {
  return useMutation({
    mutationFn: () =>
      owner === "trainers"
        ? unwrap(
            api.POST("/api/v1/training/calendar/trainers/{trainerId}/token", { params: { path: { trainerId: ownerId } } }),
          )
        : unwrap(
            api.POST("/api/v1/training/calendar/personnel/{personnelId}/token", {
              params: { path: { personnelId: ownerId } },
            }),
          ),
  });
}

const TRAINER_PAGE = 200;
const MAX_PAGES = 25; // 5,000 trainers

/** The signed-in trainer's own trainer record (id and name), found in the trainers list by their login. */
export function useOwnTrainer(userId: string) {
  return useQuery({
    queryKey: ["trainers", "own", userId],
    queryFn: async () => {
      let nextToken: string | undefined;
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const listed = await unwrap(
          api.GET("/api/v1/training/trainers", { params: { query: { limit: TRAINER_PAGE, nextToken } } }),
        );
        const id = ownTrainerId(listed.items, userId);
        if (id) {
          const trainer = listed.items.find((item) => item.id === id)!;
          return { id, name: `${trainer.firstName} ${trainer.lastName}` };
        }
        if (!listed.nextToken) break;
        nextToken = listed.nextToken;
      }
      return null;
    },
    staleTime: 5 * 60_000,
  });
}
