# One image per service, built from this repository: docker build --build-arg SERVICE=api-gateway .
# (message-writer and spam-detector likewise). docker-compose.yml builds all three.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package -pl api-gateway,message-writer,spam-detector -am

FROM eclipse-temurin:17-jre
ARG SERVICE
RUN useradd --system --no-create-home dialogs
COPY --from=build /src/${SERVICE}/target/${SERVICE}-*-exec.jar /app/service.jar
USER dialogs
ENTRYPOINT ["java", "-jar", "/app/service.jar"]
