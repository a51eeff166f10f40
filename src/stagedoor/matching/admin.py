from django.contrib import admin

from .models import Block, FirstCall, RankingWeights


@admin.register(FirstCall)
class FirstCallAdmin(admin.ModelAdmin):
    list_display = ["organisation", "rank", "worker"]
    raw_id_fields = ["worker"]


@admin.register(Block)
class BlockAdmin(admin.ModelAdmin):
    list_display = ["organisation", "worker", "reason"]
    raw_id_fields = ["worker"]


@admin.register(RankingWeights)
class RankingWeightsAdmin(admin.ModelAdmin):
    list_display = ["organisation", "fit", "reputation", "reliability", "familiarity",
                    "distance", "cost", "fairness"]  # fmt: skip
